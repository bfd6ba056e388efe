// Content entry: picks the site's adapter and wires interception, as-you-type checks and the UI on this page.

import { adapterFor, generic } from '../sites/index.js';
import { send } from './bridge.js';
import { createBadges } from './badges.js';
import { createHighlighter } from './highlight.js';
import { installInterception } from './intercept.js';
import { createNotice } from './notice.js';
import { createOverlay } from './overlay.js';
import { createFileStore, installFileCapture } from './files.js';
import { prepareScaled } from './images.js';
import { attachmentElements, nearComposer } from './locate.js';
import { installTyping } from './typing.js';
import { UI_ATTR } from './ui.js';

/** Starts PostGuard on this page unless IT disabled the site. */
export async function start(doc = document, win = window) {
  if (doc.documentElement.hasAttribute('data-postguard-active')) return;
  const site = win.location.hostname;
  const config = await send({ type: 'pageConfig', hostname: site });
  if (config.ok && config.disabled) return;
  doc.documentElement.setAttribute('data-postguard-active', '');
  const adapter = adapterFor(site);
  const check = (request) => send({ type: 'check', request });
  const feedback = async ({ category, rule }) => (await send({ type: 'feedback', category, rule })).ok;
  const overlay = createOverlay(doc);
  const notice = createNotice(doc, () => send({ type: 'openOptions' }));
  const highlighter = createHighlighter(doc, win);
  const badges = createBadges(doc);
  // A page's own focus trap (e.g. a compose modal) must not pull focus out of PostGuard's dialog.
  win.addEventListener('focusin', (event) => {
    if (event.target?.closest?.(`[${UI_ATTR}]`)) event.stopImmediatePropagation();
  }, true);
  // Original files picked for a post, in this page's memory only, until the post goes or the page is left.
  const files = createFileStore({ prepare: (file) => prepareScaled(file, { win }) });
  installFileCapture({
    doc, win, store: files,
    hasPreviews: () => attachmentElements(adapter, doc.body).length > 0,
    onComposer: (target) => nearComposer(adapter, target),
  });
  installInterception({ doc, win, adapter, generic, check, feedback, overlay, notice, highlighter, site, files });
  installTyping({ doc, win, adapter, check, badges, highlighter, overlay, feedback, site });
}
