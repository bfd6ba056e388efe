// Unit: interception holds a submit, asks the companion, and replays it exactly once, warns, or fails open/closed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { installInterception } from '../../extension/src/content/intercept.js';
import { createOverlay } from '../../extension/src/content/overlay.js';
import x from '../../extension/src/sites/x.js';
import { generic } from '../../extension/src/sites/index.js';
import { domOf } from './dom.mjs';

const PAGE = `
  <div data-testid="SideNav_AccountSwitcher_Button">Jo <span>@jo_teaches</span></div>
  <div class="box">
    <div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"><div data-block="true"><span data-text="true">Well done Oliver Bennett</span></div></div>
    <button data-testid="tweetButtonInline" type="button">Post</button>
  </div>`;
const FINDING = { category: 'pupil_reference', rule: 'pupil-name', severity: 'high', message: 'Names a pupil.', clause: '…', spans: [{ start: 10, end: 24 }] };

function setup(answers) {
  const window = domOf(PAGE, 'https://x.com/home');
  const { document } = window;
  const posts = [];
  const button = document.querySelector('[data-testid="tweetButtonInline"]');
  const composer = document.querySelector('[data-testid="tweetTextarea_0"]');
  // The site's own handlers, as React would attach them (bubble phase).
  button.addEventListener('click', () => posts.push('click'));
  composer.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.ctrlKey) posts.push('shortcut');
  });
  const requests = [];
  const pending = [];
  const check = (request) => {
    requests.push(request);
    const answer = answers.shift() ?? { ok: true, result: { findings: [] } };
    const promise = Promise.resolve(answer);
    pending.push(promise);
    return promise;
  };
  const notices = [];
  const overlay = createOverlay(document);
  const highlighter = { set() {}, clear() {} };
  installInterception({
    doc: document, win: window, adapter: x, generic, check, feedback: async () => true, overlay,
    notice: { show: (answer) => notices.push(answer.state) }, highlighter, site: 'x.com',
  });
  const settle = async () => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  const dialogButton = (name) => [...overlay.host().shadowRoot.querySelectorAll('button')].find((b) => b.textContent === name);
  return { window, document, posts, button, composer, requests, notices, overlay, settle, dialogButton };
}

describe('interception', () => {
  test('a clean post is held, checked as a submit, then replayed exactly once', async () => {
    const t = setup([]);
    t.button.click();
    assert.deepEqual(t.posts, [], 'held while the companion is asked');
    await t.settle();
    assert.deepEqual(t.posts, ['click']);
    assert.equal(t.requests.length, 1);
    const [request] = t.requests;
    assert.equal(request.trigger, 'submit');
    assert.equal(request.context, 'post');
    assert.equal(request.site, 'x.com');
    assert.equal(request.text, 'Well done Oliver Bennett');
    assert.match(request.html, /Oliver Bennett/);
    assert.deepEqual(request.account, { kind: 'personal', handle: '@jo_teaches' });
    assert.match(request.now, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  test('clicks while a check is pending are swallowed, not queued', async () => {
    const t = setup([]);
    t.button.click();
    t.button.click();
    t.button.click();
    await t.settle();
    assert.equal(t.requests.length, 1);
    assert.deepEqual(t.posts, ['click']);
  });

  test('findings open the overlay; Post anyway replays once', async () => {
    const t = setup([{ ok: true, result: { findings: [FINDING] } }]);
    t.button.click();
    await t.settle();
    assert.equal(t.overlay.isOpen(), true);
    assert.deepEqual(t.posts, []);
    t.dialogButton('Post anyway').click();
    assert.deepEqual(t.posts, ['click']);
    assert.equal(t.overlay.isOpen(), false);
  });

  test('findings then Edit post: nothing is posted and the text is untouched', async () => {
    const t = setup([{ ok: true, result: { findings: [FINDING] } }]);
    t.button.click();
    await t.settle();
    t.dialogButton('Edit post').click();
    assert.deepEqual(t.posts, []);
    assert.equal(t.composer.textContent, 'Well done Oliver Bennett');
    assert.equal(t.document.activeElement, t.composer);
  });

  test('Ctrl+Enter in the composer is held and replayed as the same shortcut; plain Enter passes', async () => {
    const t = setup([]);
    const press = (init) => t.composer.dispatchEvent(new t.window.KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true, cancelable: true, ...init }));
    press({});
    assert.equal(t.requests.length, 0, 'plain Enter is a new line');
    press({ ctrlKey: true });
    assert.deepEqual(t.posts, []);
    await t.settle();
    assert.deepEqual(t.posts, ['shortcut']);
    assert.equal(t.requests.length, 1);
  });

  test('companion down: the post goes through and one notice explains', async () => {
    const t = setup([{ ok: false, state: 'down', failClosed: false }]);
    t.button.click();
    await t.settle();
    assert.deepEqual(t.posts, ['click']);
    assert.deepEqual(t.notices, ['down']);
    assert.equal(t.overlay.isOpen(), false);
  });

  test('companion down with failClosed: held, and the dialog offers only Edit post', async () => {
    const t = setup([{ ok: false, state: 'down', failClosed: true, message: 'Not running.' }]);
    t.button.click();
    await t.settle();
    assert.deepEqual(t.posts, []);
    assert.equal(t.overlay.isOpen(), true);
    assert.equal(t.dialogButton('Post anyway'), undefined);
    assert.ok(t.dialogButton('Edit post'));
  });
});
