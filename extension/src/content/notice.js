// Notice: one message per page explaining that the companion is down or unpaired, and how to fix it.

import { el, uiHost } from './ui.js';

const CSS = `
  .notice { position: fixed; right: 16px; bottom: 16px; max-width: 360px; background: #263238; color: #fff; border-radius: 10px;
    padding: 12px 14px; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 6px 24px rgba(0,0,0,.35); }
  .notice strong { display: block; margin-bottom: 4px; }
  .notice button { font: inherit; margin: 8px 8px 0 0; border-radius: 999px; border: 1px solid #fff; background: none; color: #fff; padding: 3px 12px; cursor: pointer; }
`;

const WHY = {
  down: 'The PostGuard companion is not running on this computer.',
  unpaired: 'PostGuard is not paired with its companion.',
  unverified: 'The program on PostGuard\'s port could not prove it is your companion (PostGuard is not paired, or something else took the port), so nothing was sent to it.',
  error: 'PostGuard could not check this post.',
};
const FIX = {
  down: 'Start PostGuard (or ask IT), then try again.',
  unpaired: 'Open PostGuard options and paste the token that "postguard token" prints, or ask IT.',
  unverified: 'Pair again in PostGuard options (run "postguard pair"), or ask IT.',
  error: 'If this keeps happening, tell IT.',
};

/** The notice's words: why, what happened to the post, how to fix it. */
export function noticeText(answer) {
  const state = answer.state in WHY ? answer.state : 'error';
  const outcome = answer.failClosed ? 'Your school asks for every post to be checked, so it was held.' : 'The post went through unchecked.';
  return `${WHY[state]} ${outcome} ${FIX[state]}`;
}

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
        noticeText(answer), options, dismiss);
      dismiss.addEventListener('click', () => box.remove());
      options.addEventListener('click', () => openOptions?.());
      root.append(box);
    },
    wasShown: () => shown,
  };
}
