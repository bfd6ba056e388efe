// Notice: one message per page explaining that the companion is down or unpaired, and how to fix it.

import { el, uiHost } from './ui.js';

const CSS = `
  .notice { position: fixed; right: 16px; bottom: 16px; max-width: 360px; background: #263238; color: #fff; border-radius: 10px;
    padding: 12px 14px; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 6px 24px rgba(0,0,0,.35); }
  .notice strong { display: block; margin-bottom: 4px; }
  .notice button { font: inherit; margin: 8px 8px 0 0; border-radius: 999px; border: 1px solid #fff; background: none; color: #fff; padding: 3px 12px; cursor: pointer; }
`;

const HOW_TO_FIX = {
  down: 'The PostGuard companion is not running, so this post was not checked. Start PostGuard on this computer (or ask IT), then try again.',
  unpaired: 'PostGuard is not paired with its companion, so this post was not checked. Open PostGuard options and paste the token that "postguard token" prints, or ask IT.',
  error: 'PostGuard could not check this post.',
};

/** Creates the notice; `show(answer)` displays it once per page for a failed check. */
export function createNotice(doc, openOptions) {
  let shown = false;
  return {
    show(answer) {
      if (shown) return;
      shown = true;
      const { root } = uiHost(doc, 'notice', CSS);
      const dismiss = el(doc, 'button', { type: 'button' }, 'Dismiss');
      const options = el(doc, 'button', { type: 'button' }, 'Open PostGuard options');
      const box = el(doc, 'div', { class: 'notice', role: 'status', 'aria-live': 'polite' },
        el(doc, 'strong', {}, answer.failClosed ? 'Posting is paused by your school' : 'PostGuard is not checking posts'),
        HOW_TO_FIX[answer.state] ?? HOW_TO_FIX.error, options, dismiss);
      dismiss.addEventListener('click', () => box.remove());
      options.addEventListener('click', () => openOptions?.());
      root.append(box);
    },
    wasShown: () => shown,
  };
}
