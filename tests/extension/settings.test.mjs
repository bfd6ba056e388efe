// Unit: the user's settings merged with IT's managed storage, where managed values win.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULTS, mergeSettings, siteDisabled } from '../../extension/src/shared/settings.js';

const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../extension/schema.json'), 'utf8'));

test('defaults when nothing is set', () => {
  const merged = mergeSettings({}, {});
  assert.equal(merged.companionPort, 17345);
  assert.equal(merged.token, '');
  assert.equal(merged.failClosed, false);
  assert.deepEqual(merged.lockedCategories, []);
  assert.deepEqual(merged.managedKeys, []);
});

test("the user's port and token apply when IT set none", () => {
  const merged = mergeSettings({ companionPort: 18000, token: ' abc ' }, undefined);
  assert.equal(merged.companionPort, 18000);
  assert.equal(merged.token, 'abc');
});

test('managed values win over the user', () => {
  const merged = mergeSettings(
    { companionPort: 18000, token: 'mine', failClosed: false, disabledSites: ['x.com'] },
    { companionPort: 19000, token: 'from-it', failClosed: true, lockedCategories: ['criticism'], disabledSites: ['WWW.LinkedIn.com'] },
  );
  assert.equal(merged.companionPort, 19000);
  assert.equal(merged.token, 'from-it');
  assert.equal(merged.failClosed, true);
  assert.deepEqual(merged.lockedCategories, ['criticism']);
  assert.deepEqual(merged.disabledSites, ['www.linkedin.com']);
  assert.deepEqual(merged.managedKeys.sort(), ['companionPort', 'disabledSites', 'failClosed', 'lockedCategories', 'token']);
});

test('invalid values are ignored, not trusted', () => {
  const merged = mergeSettings({ companionPort: 'http://evil', token: 42 }, { companionPort: 70000, failClosed: 'yes', lockedCategories: 'all', policyUrl: 'javascript:alert(1)' });
  assert.equal(merged.companionPort, 17345);
  assert.equal(merged.token, '');
  assert.equal(merged.failClosed, false);
  assert.deepEqual(merged.lockedCategories, []);
  assert.equal(merged.policyUrl, '');
});

test('only IT can lock categories', () => {
  const merged = mergeSettings({ lockedCategories: ['criticism'] }, {});
  assert.deepEqual(merged.lockedCategories, []);
});

test('disabled sites match the host and its subdomains', () => {
  const merged = mergeSettings({}, { disabledSites: ['facebook.com'] });
  assert.equal(siteDisabled(merged, 'www.facebook.com'), true);
  assert.equal(siteDisabled(merged, 'facebook.com'), true);
  assert.equal(siteDisabled(merged, 'notfacebook.com'), false);
  assert.equal(siteDisabled(merged, 'x.com'), false);
});

test('the managed-storage schema covers exactly the keys IT may set', () => {
  assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(DEFAULTS).sort());
  assert.equal(schema.properties.companionPort.type, 'integer');
  assert.equal(schema.properties.failClosed.type, 'boolean');
  assert.equal(schema.properties.lockedCategories.items.type, 'string');
  assert.equal(schema.properties.disabledSites.items.type, 'string');
});
