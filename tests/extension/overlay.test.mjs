// Unit: the warning dialog is accessible, traps focus, and reports the teacher's choice exactly once.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createOverlay } from '../../extension/src/content/overlay.js';
import { domOf } from './dom.mjs';

const TEXT = 'Well done Oliver Bennett';
const FINDINGS = [
  { category: 'pupil_reference', rule: 'pupil-name', severity: 'high', message: 'Names a pupil on the school roster.', clause: 'post … any reference to … pupils', spans: [{ start: 10, end: 24 }], suggestion: 'Remove the name.' },
  { category: 'school_reference', rule: 'school-name', severity: 'medium', message: 'Names the school.', clause: 'any reference to the School', spans: [] },
];

function open(extra = {}) {
  const window = domOf('<div id="composer" contenteditable="true">Well done Oliver Bennett</div>');
  const { document } = window;
  const calls = [];
  const overlay = createOverlay(document);
  const { host, dialog } = overlay.show({
    findings: FINDINGS,
    text: TEXT,
    returnFocus: document.getElementById('composer'),
    onEdit: () => calls.push('edit'),
    onPostAnyway: () => calls.push('post'),
    onFeedback: async (finding) => { calls.push(`feedback:${finding.rule}`); return true; },
    ...extra,
  });
  const key = (name, init = {}) => dialog.dispatchEvent(new window.KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }));
  return { window, document, overlay, host, dialog, calls, key };
}

describe('overlay', () => {
  test('is a labelled modal dialog in a shadow root listing each finding', () => {
    const { document, dialog, host } = open();
    assert.ok(host.shadowRoot.contains(dialog));
    assert.equal(document.querySelector('[role="dialog"]'), null, 'site CSS and scripts see only the host');
    assert.equal(dialog.getAttribute('role'), 'dialog');
    assert.equal(dialog.getAttribute('aria-modal'), 'true');
    const title = host.shadowRoot.getElementById(dialog.getAttribute('aria-labelledby'));
    assert.match(title.textContent, /Check this post/);
    const items = dialog.querySelectorAll('li.finding');
    assert.equal(items.length, 2);
    assert.equal(items[0].querySelector('mark').textContent, 'Oliver Bennett');
    assert.match(items[0].querySelector('.clause').textContent, /pupils/);
    assert.match(items[0].querySelector('.severity').textContent, /High/);
    assert.equal(host.shadowRoot.activeElement.textContent, 'Edit post');
  });

  test('Tab and Shift+Tab stay inside the dialog', () => {
    const { dialog, host, key } = open();
    const buttons = [...dialog.querySelectorAll('button')];
    assert.deepEqual(buttons.map((b) => b.textContent), ['This warning is wrong', 'This warning is wrong', 'Edit post', 'Post anyway']);
    buttons.at(-1).focus();
    key('Tab');
    assert.equal(host.shadowRoot.activeElement, buttons[0]);
    key('Tab', { shiftKey: true });
    assert.equal(host.shadowRoot.activeElement, buttons.at(-1));
  });

  test('Esc is Edit post: closes, focuses the composer, leaves its text alone', () => {
    const { document, overlay, calls, key } = open();
    key('Escape');
    assert.deepEqual(calls, ['edit']);
    assert.equal(overlay.isOpen(), false);
    assert.equal(document.activeElement.id, 'composer');
    assert.equal(document.getElementById('composer').textContent, TEXT);
  });

  test('Post anyway reports once, however often it is pressed', () => {
    const { dialog, calls, overlay } = open();
    const post = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Post anyway');
    post.click();
    post.click();
    assert.deepEqual(calls, ['post']);
    assert.equal(overlay.isOpen(), false);
  });

  test('"This warning is wrong" sends that finding and thanks the teacher', async () => {
    const { dialog, calls } = open();
    const wrong = dialog.querySelector('li.finding .wrong');
    wrong.click();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, ['feedback:pupil-name']);
    assert.equal(wrong.disabled, true);
    assert.match(wrong.textContent, /Thanks/);
  });

  test('a held login or follow is offered in its own words', () => {
    const account = open({ kind: 'account' });
    assert.deepEqual([...account.dialog.querySelectorAll('.actions button')].map((b) => b.textContent), ['Change address', 'Continue anyway']);
    const contact = open({ kind: 'contact' });
    assert.deepEqual([...contact.dialog.querySelectorAll('.actions button')].map((b) => b.textContent), ['Cancel', 'Continue anyway']);
    assert.match(contact.dialog.querySelector('h2').textContent, /before you connect/);
  });

  test('blocked mode (fail closed) offers no Post anyway', () => {
    const { dialog } = open({ mode: 'blocked', findings: [], message: 'Companion not running.' });
    assert.deepEqual([...dialog.querySelectorAll('button')].map((b) => b.textContent), ['Edit post']);
    assert.match(dialog.textContent, /cannot check/);
  });
});

describe('notice', async () => {
  const { noticeText, createNotice } = await import('../../extension/src/content/notice.js');

  test('says why, what happened to the post, and how to fix it', () => {
    assert.match(noticeText({ state: 'down' }), /not running[\s\S]*went through unchecked[\s\S]*Start PostGuard/);
    assert.match(noticeText({ state: 'unpaired' }), /not paired[\s\S]*postguard token/);
    assert.match(noticeText({ state: 'down', failClosed: true }), /held/);
  });

  test('shows once per page', () => {
    const { document } = domOf('');
    const notice = createNotice(document);
    notice.show({ state: 'down' });
    notice.show({ state: 'down' });
    const hosts = document.querySelectorAll('postguard-ui');
    assert.equal(hosts.length, 1);
    assert.equal(hosts[0].shadowRoot.querySelectorAll('.notice').length, 1);
    assert.equal(hosts[0].shadowRoot.querySelector('.notice').getAttribute('role'), 'status');
  });
});
