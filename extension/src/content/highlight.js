// Highlighter: marks words in the editor with the CSS Custom Highlight API (or boxes over them), never touching the editor's DOM.

import { uiHost } from './ui.js';

const NAME = 'postguard';
const BOX_CSS = `.box { position: fixed; background: rgba(255, 193, 7, .35); border-bottom: 2px solid #c62828; pointer-events: none; }`;

/** Creates a highlighter; `set(key, ranges)` replaces the ranges for one composer (or "held"), `clear(key)` drops them. */
export function createHighlighter(doc, win) {
  const byKey = new Map();
  const registry = win.CSS?.highlights;
  const HighlightCtor = win.Highlight;
  let layer = null;

  function paintBoxes() {
    layer ??= uiHost(doc, 'highlights', BOX_CSS);
    for (const box of layer.root.querySelectorAll('.box')) box.remove();
    for (const ranges of byKey.values()) {
      for (const range of ranges) {
        for (const rect of range.getClientRects()) {
          const box = doc.createElement('div');
          box.className = 'box';
          box.style.cssText = `left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px`;
          layer.root.append(box);
        }
      }
    }
  }

  function paint() {
    const all = [...byKey.values()].flat().filter((range) => range.startContainer.isConnected);
    if (registry && HighlightCtor) {
      if (all.length) registry.set(NAME, new HighlightCtor(...all));
      else registry.delete(NAME);
    } else {
      paintBoxes();
    }
  }

  return {
    set(key, ranges) {
      if (ranges.length) byKey.set(key, ranges);
      else byKey.delete(key);
      paint();
    },
    clear(key) {
      if (byKey.delete(key)) paint();
    },
    /** Drops highlights of composers that left the page; repaints boxes after scrolling. */
    refresh() {
      for (const key of byKey.keys()) if (key?.isConnected === false) byKey.delete(key);
      paint();
    },
    count: () => [...byKey.values()].flat().length,
  };
}
