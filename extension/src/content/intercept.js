// Interception: holds a submit (click or Ctrl/Cmd+Enter) in the capture phase, asks the companion, then replays it exactly once or warns.

import { spansToRanges } from '../shared/textmodel.js';
import { accountButtonFor, accountFieldFor, composerFor, contactFor, submitFor } from './locate.js';
import { accountRequest, contactRequest, postRequest, withImages } from './request.js';
import { saveSelection } from './overlay.js';
import { fromOurUi } from './ui.js';

// Site code that re-fires a submit we just replayed (e.g. a shortcut handler calling button.click()) passes.
const GRACE_MS = 1500;
// Drawing a post's pictures may take this long at most; after that the post is checked by its
// words and the EXIF of its photos. The second limit only guards against a step that never ends.
export const IMAGE_TIMEOUT_MS = 5000;
const ENRICH_LIMIT_MS = 2000;

/** `promise`'s value, or `fallback` if it fails or takes longer than `ms`. */
function within(promise, ms, fallback, win) {
  return new Promise((resolve) => {
    const timer = win.setTimeout(() => resolve(fallback), ms);
    promise.then((value) => resolve(value), () => resolve(fallback)).finally(() => win.clearTimeout(timer));
  });
}

/**
 * Installs the document listeners. `check(request)` and `feedback(finding)` talk to the background;
 * `overlay`, `notice` and `highlighter` are the UI. With `files` (the page's file store), a post's
 * pictures go with its submit check, and the store is emptied once the post goes. Returns an uninstall function.
 */
export function installInterception({ doc, win, adapter, generic, check, feedback, overlay, notice, highlighter, site, files, imageTimeoutMs = IMAGE_TIMEOUT_MS }) {
  let pending = false;
  let replaying = false;
  let graceUntil = 0;
  const now = () => win.performance.now();
  const skip = (event) => replaying || fromOurUi(event) || (!event.isTrusted && now() < graceUntil);

  function replayOnce(replay) {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      replaying = true;
      try {
        replay();
      } finally {
        replaying = false;
        graceUntil = now() + GRACE_MS;
      }
    };
  }

  async function decide(built, hit, replay) {
    const caret = saveSelection(doc, hit.focusTarget);
    let request = built.request;
    if (built.enrich) request = await within(built.enrich(request, imageTimeoutMs), imageTimeoutMs + ENRICH_LIMIT_MS, request, win);
    const answer = await check({ ...request, trigger: 'submit' });
    const go = replayOnce(() => {
      built.submitted?.();
      replay();
    });
    if (!answer.ok) {
      notice.show(answer);
      if (answer.failClosed) overlay.show({ mode: 'blocked', kind: hit.kind, message: answer.message, returnFocus: hit.focusTarget });
      else go();
      return;
    }
    const findings = answer.result?.findings ?? [];
    if (!findings.length) {
      go();
      return;
    }
    const text = answer.result.text ?? built.model.text;
    if (text === built.model.text && built.model.segments.length) {
      highlighter.set('held', spansToRanges(built.model, findings.flatMap((finding) => finding.spans ?? []), doc));
    }
    overlay.show({
      findings,
      text,
      mode: 'submit',
      kind: hit.kind,
      returnFocus: hit.focusTarget,
      returnSelection: caret,
      onEdit: () => {},
      onPostAnyway: () => {
        highlighter.clear('held');
        go();
      },
      onFeedback: feedback,
    });
  }

  function hold(event, hit, build, replay) {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (pending || overlay.isOpen()) return;
    pending = true;
    let built;
    try {
      built = build();
    } catch (error) {
      pending = false;
      replayOnce(replay)();
      return;
    }
    decide(built, hit, replay).catch(() => replayOnce(replay)()).finally(() => {
      pending = false;
    });
  }

  const post = (found) => () => {
    const built = postRequest({ adapter, doc, site, context: found.context, composers: found.composers, scope: found.scope, surface: found.surface });
    if (files) {
      built.enrich = async (request, timeoutMs) => (await withImages(request, { adapter, scope: found.scope, files, doc, win, timeoutMs })).request;
      built.submitted = () => files.forget();
    }
    return built;
  };

  function clickButton(button, scope, selector) {
    const target = button.isConnected ? button : scope?.querySelector(selector);
    target?.click();
  }

  function onClick(event) {
    if (event.button !== 0 || skip(event)) return;
    const pathname = win.location.pathname;
    const found = submitFor(adapter, event.target, pathname);
    if (found) {
      hold(event, { kind: 'post', focusTarget: found.composers[0] }, post(found), () => clickButton(found.button, found.scope, found.surface.submit));
      return;
    }
    const contact = contactFor(adapter, event.target);
    if (contact?.name) {
      hold(event, { kind: 'contact', focusTarget: contact.button }, () => contactRequest({ site, ...contact }), () => clickButton(contact.button));
      return;
    }
    const account = accountButtonFor(adapter, generic, event.target);
    if (account && account.field.value.includes('@')) {
      hold(event, { kind: 'account', focusTarget: account.field }, () => accountRequest({ site, ...account }), () => clickButton(account.button));
    }
  }

  function redispatchKey(event, fallback) {
    const target = event.target.isConnected ? event.target : fallback;
    const { key, code, keyCode, ctrlKey, metaKey, shiftKey, altKey } = event;
    target?.dispatchEvent(new win.KeyboardEvent('keydown', {
      key, code, keyCode, which: keyCode, ctrlKey, metaKey, shiftKey, altKey, bubbles: true, cancelable: true, composed: true,
    }));
  }

  function submitField(field, event) {
    if (field.form) field.form.requestSubmit();
    else redispatchKey(event, field);
  }

  function onKeydown(event) {
    if (event.key !== 'Enter' || event.isComposing || skip(event)) return;
    const shortcut = event.ctrlKey || event.metaKey;
    const found = composerFor(adapter, event.target, win.location.pathname);
    if (found) {
      const plainSend = found.surface.enterSubmits && !event.shiftKey && !event.altKey;
      if (!shortcut && !plainSend) return;
      hold(event, { kind: 'post', focusTarget: found.composer }, post(found), () => redispatchKey(event, found.composer));
      return;
    }
    if (shortcut || event.shiftKey || event.altKey) return;
    const account = accountFieldFor(adapter, generic, event.target);
    if (account && account.field.value.includes('@')) {
      hold(event, { kind: 'account', focusTarget: account.field }, () => accountRequest({ site, ...account }), () => submitField(account.field, event));
    }
  }

  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', onKeydown, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKeydown, true);
  };
}
