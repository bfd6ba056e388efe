// Unit: the manifest's promises (pinned id, narrow host access, both browsers) and a clean `web-ext lint`.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTENSION = path.join(ROOT, 'extension');
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));

/** Chrome's extension id: the first 128 bits of SHA-256 of the public key, as letters a–p. */
function extensionId(key) {
  const hash = crypto.createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hash].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

test('the key pins the Chrome/Edge id the companion allows', () => {
  assert.equal(extensionId(manifest.key), 'hjpeoajjpodgnoempjfionihbelgciic');
});

test('Firefox id and a background that works in both browsers', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.match(manifest.browser_specific_settings.gecko.id, /@/);
  assert.equal(manifest.background.type, 'module');
  assert.equal(manifest.background.service_worker, 'background.js');
  assert.deepEqual(manifest.background.scripts, ['background.js']);
});

test('host access only for the four sites and the loopback companion', () => {
  const allowed = /^https:\/\/((www|mobile|m)\.)?(x|twitter|facebook|linkedin|instagram)\.com\/\*$|^http:\/\/(127\.0\.0\.1|localhost)\/\*$/;
  for (const host of manifest.host_permissions) assert.match(host, allowed);
  for (const script of manifest.content_scripts) for (const match of script.matches) assert.match(match, allowed);
  assert.ok(!manifest.content_scripts.some((script) => script.matches.some((match) => match.startsWith('http:'))));
  assert.deepEqual(manifest.permissions.sort(), ['alarms', 'storage']);
});

test('every file the manifest names exists', () => {
  const files = [
    manifest.background.service_worker, manifest.action.default_popup, manifest.options_ui.page, manifest.storage.managed_schema,
    ...Object.values(manifest.icons), ...manifest.content_scripts.flatMap((script) => [...script.js, ...(script.css ?? [])]),
  ];
  for (const file of files) assert.ok(fs.existsSync(path.join(EXTENSION, file)), file);
});

test('web-ext lint finds no errors', { timeout: 60000 }, async () => {
  const bin = path.join(ROOT, 'node_modules/.bin/web-ext');
  const { stdout } = await promisify(execFile)(bin, ['lint', '--source-dir', EXTENSION, '--output', 'json', '--no-input'], { cwd: ROOT, maxBuffer: 1 << 24 })
    .catch((error) => ({ stdout: error.stdout }));
  const report = JSON.parse(stdout);
  assert.deepEqual(report.errors.map((error) => `${error.code}: ${error.message}`), []);
  assert.equal(report.summary.errors, 0);
});
