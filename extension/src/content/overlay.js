// Overlay: the accessible warning dialog (shadow DOM) with Edit post, Post anyway and "This warning is wrong".

import { spanText } from '../shared/textmodel.js';
import { el, uiHost } from './ui.js';

const CSS = `
  :host { all: initial; }
  .backdrop { position: fixed; inset: 0; background: rgba(15, 20, 25, 0.55); display: flex;
    align-items: center; justify-content: center; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  .dialog { background: #fff; color: #1a1a1a; width: min(560px, calc(100vw - 32px)); max-height: calc(100vh - 48px);
    overflow: auto; border-radius: 12px; box-shadow: 0 12px 40px rgba(0,0,0,.35); padding: 20px 22px; box-sizing: border-box; }
  h2 { font-size: 19px; margin: 0 0 6px; display: flex; gap: 8px; align-items: center; }
  h2 .shield { display: inline-block; width: 22px; height: 22px; border-radius: 6px; background: #1d4e89; color: #fff;
    font-size: 14px; text-align: center; line-height: 22px; }
  p { margin: 0 0 10px; }
  ul { list-style: none; margin: 0; padding: 0; }
  li.finding { border: 1px solid #d9dee3; border-left: 5px solid #f9a825; border-radius: 8px; padding: 10px 12px; margin: 10px 0; }
  li.finding[data-severity="high"] { border-left-color: #c62828; }
  li.finding[data-severity="low"] { border-left-color: #607d8b; }
  .severity { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: 1px 7px;
    border-radius: 999px; background: #fff3cd; color: #6b4e00; margin-right: 6px; }
  li.finding[data-severity="high"] .severity { background: #fde2e2; color: #8e0000; }
  li.finding[data-severity="low"] .severity { background: #eceff1; color: #37474f; }
  .message { font-weight: 600; }
  .words { margin: 6px 0 0; }
  mark { background: #ffe08a; color: inherit; padding: 0 2px; border-radius: 3px; }
  blockquote { margin: 8px 0 0; padding: 6px 10px; border-left: 3px solid #90a4ae; background: #f5f7f8; color: #37474f; font-size: 14px; }
  .suggestion { margin: 6px 0 0; font-size: 14px; }
  .wrong { margin-top: 8px; background: none; border: none; color: #1d4e89; text-decoration: underline; padding: 0;
    font: inherit; font-size: 13px; cursor: pointer; }
  .wrong[disabled] { color: #546e7a; text-decoration: none; cursor: default; }
  .actions { display: flex; gap: 10px; justify-content: flex-end; margin-top: 16px; flex-wrap: wrap; }
  .actions button { font: inherit; font-weight: 600; border-radius: 999px; padding: 8px 18px; cursor: pointer; }
  .edit { background: #1d4e89; color: #fff; border: 2px solid #1d4e89; }
  .post { background: #fff; color: #8e0000; border: 2px solid #c62828; }
  button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
`;

const SEVERITY_WORDS = { high: 'High', medium: 'Medium', low: 'Low' };

// The two choices, in the words of what was held: a post, a login or sign-up, a follow or friend request.
const CHOICES = {
  post: { title: 'Check this post before it goes', edit: 'Edit post', go: 'Post anyway' },
  account: { title: 'Check this address before you sign in', edit: 'Change address', go: 'Continue anyway' },
  contact: { title: 'Check this before you connect', edit: 'Cancel', go: 'Continue anyway' },
};

/** Where the caret was in `element` (a clone of the selection's range), or null. */
export function saveSelection(doc, element) {
  const selection = doc.getSelection?.();
  if (!element || !selection?.rangeCount) return null;
  const range = selection.getRangeAt(0);
  return element.contains(range.startContainer) ? range.cloneRange() : null;
}

/** Focuses `element` and puts the caret back where it was (or at the end), so the teacher types on. */
function restoreFocus(doc, element, range) {
  if (!element?.isConnected) return;
  element.focus({ preventScroll: true });
  if (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || !element.isContentEditable) return;
  let caret = range && element.contains(range.startContainer) ? range : null;
  if (!caret) {
    caret = doc.createRange();
    caret.selectNodeContents(element);
    caret.collapse(false);
  }
  const selection = doc.getSelection();
  selection.removeAllRanges();
  selection.addRange(caret);
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Creates the overlay for `doc`; `show()` opens it and resolves nothing, callbacks report the teacher's choice. */
export function createOverlay(doc) {
  let current = null;

  function close() {
    if (!current) return;
    current.host.remove();
    current = null;
  }

  function trapKeys(event, dialog, onEscape) {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll(FOCUSABLE)];
    if (!items.length) return;
    const active = dialog.getRootNode().activeElement;
    const index = items.indexOf(active);
    const next = event.shiftKey ? (index <= 0 ? items.length - 1 : index - 1) : (index === items.length - 1 ? 0 : index + 1);
    event.preventDefault();
    items[next].focus();
  }

  function findingItem(finding, index, text, onFeedback) {
    const words = [...new Set((finding.spans ?? []).map((span) => spanText(text, span)).filter(Boolean))];
    const wrong = el(doc, 'button', { type: 'button', class: 'wrong' }, 'This warning is wrong');
    wrong.addEventListener('click', async () => {
      wrong.disabled = true;
      wrong.textContent = 'Sending…';
      const ok = await onFeedback?.(finding);
      wrong.textContent = ok === false ? 'Could not send, sorry' : 'Thanks, IT will review this rule';
    });
    return el(doc, 'li', { class: 'finding', 'data-category': finding.category, 'data-rule': finding.rule, 'data-severity': finding.severity, 'aria-labelledby': `pg-msg-${index}` },
      el(doc, 'div', {},
        el(doc, 'span', { class: 'severity' }, `${SEVERITY_WORDS[finding.severity] ?? finding.severity ?? ''} risk`),
        el(doc, 'span', { class: 'message', id: `pg-msg-${index}` }, finding.message ?? '')),
      words.length ? el(doc, 'p', { class: 'words' }, 'Words: ', ...words.flatMap((word, i) => [i ? ', ' : '', el(doc, 'mark', {}, word)])) : null,
      finding.clause ? el(doc, 'blockquote', { class: 'clause' }, el(doc, 'span', { class: 'sr' }, 'Policy: '), `“${finding.clause}”`) : null,
      finding.suggestion ? el(doc, 'p', { class: 'suggestion' }, finding.suggestion) : null,
      wrong);
  }

  /**
   * Opens the dialog. `mode` is "submit" (Edit post / Post anyway), "blocked" (only Edit post: IT set
   * failClosed and the companion is unreachable) or "review" (as-you-type details, only Close).
   */
  function show({ findings = [], text = '', mode = 'submit', kind = 'post', message, onEdit, onPostAnyway, onFeedback, returnFocus, returnSelection }) {
    const words = CHOICES[kind] ?? CHOICES.post;
    close();
    const { host, root } = uiHost(doc, `overlay-${Date.now()}`, CSS);
    host.style.inset = '0';
    let settled = false;
    const finish = (choice) => {
      if (settled) return;
      settled = true;
      close();
      if (choice === 'post') onPostAnyway?.();
      else {
        restoreFocus(doc, returnFocus, returnSelection);
        onEdit?.();
      }
    };
    const count = findings.length;
    const title = mode === 'blocked' ? 'PostGuard cannot check this' : mode === 'review' ? 'PostGuard spotted something' : words.title;
    const intro = mode === 'blocked'
      ? message ?? 'The PostGuard companion is not running, and your school asks for every post to be checked.'
      : `PostGuard found ${count} ${count === 1 ? 'thing' : 'things'} that may break the school's social media policy.`;
    const editButton = el(doc, 'button', { type: 'button', class: 'edit' }, mode === 'review' ? 'Close' : words.edit);
    editButton.addEventListener('click', () => finish('edit'));
    const actions = el(doc, 'div', { class: 'actions' }, editButton);
    if (mode === 'submit') {
      const postButton = el(doc, 'button', { type: 'button', class: 'post' }, words.go);
      postButton.addEventListener('click', () => finish('post'));
      actions.append(postButton);
    }
    const dialog = el(doc, 'div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pg-title', 'aria-describedby': 'pg-intro', tabindex: '-1' },
      el(doc, 'h2', { id: 'pg-title' }, el(doc, 'span', { class: 'shield', 'aria-hidden': 'true' }, 'P'), title),
      el(doc, 'p', { id: 'pg-intro' }, intro),
      count ? el(doc, 'ul', { class: 'findings', 'aria-label': 'Warnings' }, findings.map((finding, i) => findingItem(finding, i, text, onFeedback))) : null,
      actions);
    const backdrop = el(doc, 'div', { class: 'backdrop' }, dialog);
    root.append(backdrop);
    dialog.addEventListener('keydown', (event) => trapKeys(event, dialog, () => finish('edit')));
    // Keep the page's own shortcuts and focus traps out of the dialog.
    for (const type of ['keyup', 'keypress', 'input']) dialog.addEventListener(type, (event) => event.stopPropagation());
    current = { host, dialog };
    editButton.focus({ preventScroll: true });
    return { host, dialog, close: () => finish('edit') };
  }

  return { show, close, isOpen: () => current !== null, host: () => current?.host ?? null };
}
