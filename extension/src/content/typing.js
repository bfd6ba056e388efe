// As you type: a debounced check after a pause shows a count badge and highlights, never per keystroke.

import { debounce } from '../shared/debounce.js';
import { spansToRanges } from '../shared/textmodel.js';
import { composerFor, composerSelector } from './locate.js';
import { postRequest, readComposers } from './request.js';
import { fromOurUi } from './ui.js';

export const TYPING_DELAY_MS = 600;

const EVENTS = ['input', 'keyup', 'paste', 'cut', 'compositionend'];

/** Installs the as-you-type checks; returns an uninstall function. */
export function installTyping({ doc, win, adapter, check, badges, highlighter, overlay, feedback, site, wait = TYPING_DELAY_MS }) {
  const selector = composerSelector(adapter);
  if (!selector) return () => {};
  const timers = new WeakMap();
  const lastText = new WeakMap();

  async function checkNow(composer) {
    if (!composer.isConnected) return;
    const found = composerFor(adapter, composer, win.location.pathname);
    if (!found) return;
    // Typing checks list the attachments (type and name) but never read or send their pictures:
    // drawing and encoding a photo costs tens of milliseconds on the page's main thread, and a
    // photo should leave the page only once, when the teacher posts (see docs/extension.md).
    const built = postRequest({ adapter, doc, site, context: found.context, composers: [composer], scope: found.scope, surface: found.surface });
    const text = built.model.text;
    if (text === lastText.get(composer)) return;
    lastText.set(composer, text);
    if (!text.trim()) {
      badges.clear(composer);
      highlighter.clear(composer);
      return;
    }
    const answer = await check({ ...built.request, trigger: 'typing' });
    // Drop answers the teacher has typed past, and stay quiet when the companion is away.
    if (!answer.ok || readComposers([composer]).text !== text) return;
    const findings = answer.result?.findings ?? [];
    const answerText = answer.result.text ?? text;
    badges.set(composer, findings, () => overlay.show({ findings, text: answerText, mode: 'review', returnFocus: composer, onFeedback: feedback }));
    const spans = findings.flatMap((finding) => finding.spans ?? []);
    highlighter.set(composer, answerText === text ? spansToRanges(built.model, spans, doc) : []);
  }

  function schedule(event) {
    if (fromOurUi(event)) return;
    const composer = event.target?.closest?.(selector);
    if (!composer) return;
    // The words marked when a post was held move as the teacher edits; the next check marks them again.
    highlighter.clear('held');
    let run = timers.get(composer);
    if (!run) {
      run = debounce(() => checkNow(composer), wait, win);
      timers.set(composer, run);
    }
    run();
  }

  let frame = 0;
  const refresh = () => {
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      badges.refresh();
      highlighter.refresh();
    });
  };
  // Sites re-render constantly: follow composers that move or leave the page.
  const observer = new win.MutationObserver(refresh);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  for (const type of EVENTS) doc.addEventListener(type, schedule, true);
  win.addEventListener('scroll', refresh, true);
  win.addEventListener('resize', refresh);
  return () => {
    observer.disconnect();
    for (const type of EVENTS) doc.removeEventListener(type, schedule, true);
    win.removeEventListener('scroll', refresh, true);
    win.removeEventListener('resize', refresh);
  };
}
