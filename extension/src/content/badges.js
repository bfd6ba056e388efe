// Badges: the small count by each composer that as-you-type checks fill in.

import { el, uiHost } from './ui.js';

const CSS = `
  .badge { position: fixed; min-width: 22px; height: 22px; padding: 0 7px; box-sizing: border-box; border-radius: 999px;
    border: 2px solid #fff; background: #c62828; color: #fff; font: 700 12px/18px system-ui, sans-serif; cursor: pointer;
    box-shadow: 0 1px 4px rgba(0,0,0,.35); }
  .badge:focus-visible { outline: 3px solid #ffbf47; }
`;

/** Creates the badge layer; `set(composer, findings, onOpen)` shows or hides the composer's badge. */
export function createBadges(doc) {
  const badges = new Map();
  let layer = null;

  function place(composer, badge) {
    const rect = composer.getBoundingClientRect();
    badge.style.left = `${Math.max(0, rect.right - 30)}px`;
    badge.style.top = `${Math.max(0, rect.bottom - 26)}px`;
  }

  function remove(composer) {
    badges.get(composer)?.remove();
    badges.delete(composer);
  }

  return {
    set(composer, findings, onOpen) {
      if (!findings.length) {
        remove(composer);
        return;
      }
      layer ??= uiHost(doc, 'badges', CSS);
      let badge = badges.get(composer);
      if (!badge) {
        badge = el(doc, 'button', { type: 'button', class: 'badge' });
        layer.root.append(badge);
        badges.set(composer, badge);
      }
      const count = findings.length;
      badge.textContent = String(count);
      badge.setAttribute('aria-label', `PostGuard: ${count} possible ${count === 1 ? 'problem' : 'problems'} in this post. Show details.`);
      badge.title = findings.map((finding) => finding.message).join('\n');
      badge.onclick = () => onOpen?.();
      place(composer, badge);
    },
    clear: remove,
    /** Moves badges with their composers and drops those whose composer left the page. */
    refresh() {
      for (const [composer, badge] of badges) {
        if (!composer.isConnected) remove(composer);
        else place(composer, badge);
      }
    },
    count: () => badges.size,
  };
}
