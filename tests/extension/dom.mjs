// Test helper: loads a saved site fixture into jsdom.

import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';

/** A jsdom window for `fixtures/NAME` served at `url`. */
export function loadFixture(name, url = 'https://example.com/') {
  const html = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
  return new JSDOM(`<!doctype html><html><body>${html}</body></html>`, { url }).window;
}

/** A jsdom window holding `html`. */
export function domOf(html, url = 'https://example.com/') {
  return new JSDOM(`<!doctype html><html><body>${html}</body></html>`, { url }).window;
}
