// Unit: the background's handlers with managed storage (IT's locks, failClosed, disabled sites) over a fake companion.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHandlers } from '../../extension/src/background/handlers.js';
import { freePortForTests } from './ports.mjs';
import { startFakeCompanion } from './fake-companion.mjs';

function fakeApi({ local = {}, managed } = {}) {
  const badge = { text: null };
  return {
    badge,
    local,
    storage: {
      local: { get: async () => ({ ...local }), set: async (values) => Object.assign(local, values) },
      managed: { get: async () => { if (!managed) throw new Error('Managed storage manifest not found'); return { ...managed }; } },
    },
    action: {
      setBadgeText: async ({ text }) => { badge.text = text; },
      setBadgeBackgroundColor: async () => {},
      setTitle: async () => {},
    },
    runtime: { getURL: (path) => `chrome-extension://id/${path}`, openOptionsPage: async () => {} },
  };
}

describe('background handlers', () => {
  let fake;
  before(async () => {
    fake = await startFakeCompanion();
  });
  after(() => fake.close());

  test('the user\'s token and port reach the companion when IT set none', async () => {
    const api = fakeApi({ local: { token: 'secret', companionPort: fake.port } });
    const { handlers } = createHandlers({ api });
    const answer = await handlers.check({ request: { text: 'hello', trigger: 'typing' } });
    assert.equal(answer.ok, true);
    assert.equal(fake.requests.at(-1).body.trigger, 'typing');
  });

  test('managed port and token win over the user\'s', async () => {
    const api = fakeApi({ local: { token: 'wrong', companionPort: 1 }, managed: { token: 'secret', companionPort: fake.port } });
    const { handlers } = createHandlers({ api });
    const status = await handlers.status();
    assert.equal(status.state, 'ok');
    assert.equal(status.port, fake.port);
    assert.deepEqual(status.managedKeys.sort(), ['companionPort', 'token']);
    assert.equal(api.badge.text, '');
  });

  test('a category IT locked is shown locked and cannot be switched off', async () => {
    const api = fakeApi({ local: { token: 'secret', companionPort: fake.port }, managed: { lockedCategories: ['school_reference'] } });
    const { handlers } = createHandlers({ api });
    const { categories } = await handlers.categories();
    const school = categories.find((category) => category.id === 'school_reference');
    assert.equal(school.locked, true);
    assert.equal(school.enabled, true);
    const before = fake.requests.length;
    const answer = await handlers.setCategory({ id: 'school_reference', enabled: false });
    assert.equal(answer.ok, false);
    assert.equal(answer.code, 'locked');
    assert.equal(fake.requests.length, before, 'the companion was not even asked');
  });

  test('the companion\'s own lock (409) comes back as a refusal', async () => {
    const api = fakeApi({ local: { token: 'secret', companionPort: fake.port } });
    const { handlers } = createHandlers({ api });
    const answer = await handlers.setCategory({ id: 'pupil_reference', enabled: false });
    assert.equal(answer.ok, false);
    assert.equal(answer.code, 'locked');
  });

  test('companion down: the badge says "off" and failClosed comes from managed storage', async () => {
    const api = fakeApi({ local: { token: 'secret', companionPort: await freePortForTests() }, managed: { failClosed: true } });
    const { handlers } = createHandlers({ api });
    const answer = await handlers.check({ request: { text: 'hello' } });
    assert.deepEqual([answer.ok, answer.state, answer.failClosed], [false, 'down', true]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(api.badge.text, 'off');
  });

  test('no token: the badge says "!"', async () => {
    const api = fakeApi({ local: { companionPort: fake.port } });
    const { refreshStatus } = createHandlers({ api });
    assert.equal((await refreshStatus()).state, 'unpaired');
    assert.equal(api.badge.text, '!');
  });

  test('pairing with the code stores this browser\'s own secret and the status turns ok', async () => {
    const api = fakeApi({ local: { companionPort: fake.port } });
    const { handlers } = createHandlers({ api });
    const refused = await handlers.pair({ code: 'NOPE-NOPE' });
    assert.equal(refused.ok, false);
    assert.match(refused.message, /wrong or has expired/);
    assert.equal(api.local.token, undefined);
    const paired = await handlers.pair({ code: ' ABCD-2345 ' });
    assert.equal(paired.ok, true);
    assert.equal(paired.state, 'ok');
    assert.equal(api.local.token, 'paired-secret');
  });

  test('IT can switch PostGuard off on a site', async () => {
    const api = fakeApi({ managed: { disabledSites: ['linkedin.com'] } });
    const { handlers } = createHandlers({ api });
    assert.equal((await handlers.pageConfig({ hostname: 'www.linkedin.com' })).disabled, true);
    assert.equal((await handlers.pageConfig({ hostname: 'x.com' })).disabled, false);
  });
});
