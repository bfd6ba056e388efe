// Unit: the background's companion client and status badge, against a fake companion on loopback.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, proofFor } from '../../extension/src/background/client.js';
import { badgeFor, paintBadge, probe } from '../../extension/src/background/status.js';
import { freePortForTests } from './ports.mjs';
import { proof, startFakeCompanion } from './fake-companion.mjs';

const FINDING = { category: 'pupil_reference', rule: 'pupil-name', severity: 'high', message: 'Names a pupil.', clause: '…', spans: [{ start: 10, end: 24 }] };

describe('companion client', () => {
  let fake;
  let settings;
  const client = createClient({ getSettings: async () => settings });

  before(async () => {
    fake = await startFakeCompanion({ findings: [FINDING] });
  });
  after(() => fake.close());

  test('check sends the request as JSON with the bearer token and returns the findings', async () => {
    settings = { companionPort: fake.port, token: 'secret' };
    const request = { site: 'x.com', context: 'post', text: 'Well done Oliver Bennett', trigger: 'submit' };
    const answer = await client.check(request);
    assert.deepEqual(answer.findings, [FINDING]);
    const sent = fake.requests.at(-1);
    assert.equal(sent.method, 'POST');
    assert.equal(sent.url, '/v1/check');
    assert.equal(sent.headers.authorization, 'Bearer secret');
    assert.match(sent.headers['content-type'], /application\/json/);
    assert.deepEqual(sent.body, request);
  });

  test('health needs no token', async () => {
    settings = { companionPort: fake.port, token: '' };
    assert.equal((await client.health()).status, 'ok');
    assert.equal(fake.requests.at(-1).headers.authorization, undefined);
  });

  test('no token: "unpaired" without even asking', async () => {
    settings = { companionPort: fake.port, token: '' };
    const before = fake.requests.length;
    await assert.rejects(client.check({ text: 'x' }), { state: 'unpaired', code: 'no_token' });
    assert.equal(fake.requests.length, before);
  });

  test('wrong token: the companion cannot prove itself, so neither the token nor the text is sent', async () => {
    settings = { companionPort: fake.port, token: 'wrong' };
    const before = fake.requests.length;
    await assert.rejects(client.check({ text: 'Well done Oliver Bennett' }), { state: 'unverified', code: 'not_your_companion' });
    const sent = fake.requests.slice(before);
    assert.deepEqual(sent.map((r) => r.url), ['/v1/hello']);
    assert.equal(sent[0].headers.authorization, undefined);
    assert.match(sent[0].body.nonce, /^[0-9a-f]{32}$/);
  });

  test('a 401 from a companion that proved itself means "unpaired", with its words', async () => {
    const client401 = createClient({
      getSettings: async () => ({ companionPort: 1, token: 't' }),
      fetchImpl: async (url, init) => (url.endsWith('/v1/hello')
        ? new Response(JSON.stringify({ proofs: [proof('t', JSON.parse(init.body).nonce)] }), { status: 200 })
        : new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Wrong or missing token.' } }), { status: 401 })),
    });
    await assert.rejects(client401.check({ text: 'x' }), { state: 'unpaired', status: 401, message: 'Wrong or missing token.' });
  });

  test('an impostor on the port learns nothing: no token, no text', async () => {
    const impostor = await startFakeCompanion({ impostor: true });
    try {
      settings = { companionPort: impostor.port, token: 'secret' };
      await assert.rejects(client.check({ text: 'Well done Oliver Bennett' }), { state: 'unverified' });
      await assert.rejects(client.categories(), { state: 'unverified' });
      assert.ok(impostor.requests.every((r) => r.url === '/v1/hello' && !r.headers.authorization));
      assert.ok(!JSON.stringify(impostor.requests).includes('Oliver'));
      assert.ok(!JSON.stringify(impostor.requests).includes('secret'));
    } finally {
      await impostor.close();
    }
  });

  test('the proof is the companion\'s HMAC-SHA256 of the nonce', async () => {
    assert.equal(await proofFor('secret', 'abc'), proof('secret', 'abc'));
    assert.notEqual(await proofFor('other', 'abc'), proof('secret', 'abc'));
  });

  test('pairing sends the code without a token and gets a secret', async () => {
    settings = { companionPort: fake.port, token: '' };
    assert.deepEqual(await client.pair('ABCD-2345'), { token: 'paired-secret' });
    assert.equal(fake.requests.at(-1).headers.authorization, undefined);
    await assert.rejects(client.pair('WRONG-CODE'), { state: 'unpaired', code: 'pairing_refused' });
    settings = { companionPort: fake.port, token: 'paired-secret' };
    assert.equal((await client.check({ text: 'x' })).language, 'en');
  });

  test('a locked category: the 409 error body comes through', async () => {
    settings = { companionPort: fake.port, token: 'secret' };
    await assert.rejects(client.putSettings({ categories: { pupil_reference: false } }), { state: 'error', status: 409, code: 'locked' });
    const ok = await client.putSettings({ categories: { school_reference: false } });
    assert.equal(ok.categories.school_reference, false);
  });

  test('feedback sends category, rule and kind only', async () => {
    settings = { companionPort: fake.port, token: 'secret' };
    await client.feedback({ category: 'pupil_reference', rule: 'pupil-name', text: 'never sent' });
    assert.deepEqual(fake.requests.at(-1).body, { category: 'pupil_reference', rule: 'pupil-name', kind: 'false_alarm' });
  });

  test('nothing listening: "down"', async () => {
    settings = { companionPort: await freePortForTests(), token: 'secret' };
    await assert.rejects(client.check({ text: 'x' }), { state: 'down', code: 'unreachable' });
  });
});

describe('status and badge', () => {
  test('probe tells ok, unpaired and down apart', async () => {
    const fake = await startFakeCompanion();
    try {
      let settings = { companionPort: fake.port, token: 'secret' };
      const client = createClient({ getSettings: async () => settings });
      assert.deepEqual(await probe(client), { state: 'ok', version: '9.9.9' });
      settings = { companionPort: fake.port, token: 'nope' };
      assert.equal((await probe(client)).state, 'unverified');
      settings = { companionPort: fake.port, token: '' };
      assert.equal((await probe(client)).state, 'unpaired');
      settings = { companionPort: await freePortForTests(), token: 'secret' };
      assert.equal((await probe(client)).state, 'down');
    } finally {
      await fake.close();
    }
  });

  test('the badge says "off" when down, "!" when unpaired, nothing when ok', async () => {
    assert.equal(badgeFor('down').text, 'off');
    assert.equal(badgeFor('unpaired').text, '!');
    assert.equal(badgeFor('unverified').text, '!');
    assert.equal(badgeFor('ok').text, '');
    const calls = [];
    const action = {
      setBadgeText: async (arg) => calls.push(['text', arg.text]),
      setBadgeBackgroundColor: async (arg) => calls.push(['color', arg.color]),
      setTitle: async (arg) => calls.push(['title', arg.title]),
    };
    await paintBadge(action, { state: 'down', message: 'Not running on port 1.' });
    assert.deepEqual(calls[0], ['text', 'off']);
    assert.match(calls.at(-1)[1], /not running[\s\S]*port 1/);
  });
});
