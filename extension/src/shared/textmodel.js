// Text model of an editor's DOM: the plain text we send to the companion and a map back to text nodes.

import { spansToUtf16 } from './spans.js';

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TR', 'UL',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Walks `roots` (editor elements) and returns {text, segments}: `text` joins the roots with a
 * blank line and blocks with a newline; each segment {start, end, node} says which text node
 * holds text[start, end). Built from the DOM itself, so offsets always map back exactly.
 */
export function buildTextModel(roots) {
  const list = Array.isArray(roots) ? roots : [roots];
  let text = '';
  const segments = [];
  const newline = () => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const walk = (node) => {
    if (node.nodeType === TEXT_NODE) {
      const data = node.data;
      // Whitespace with a line break between elements is markup indentation, not text the site shows.
      if (data && !/^[ \t\r\n]*\n[ \t\r\n]*$/.test(data)) {
        segments.push({ start: text.length, end: text.length + data.length, node });
        text += data;
      }
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag) || node.getAttribute?.('aria-hidden') === 'true') return;
    if (tag === 'BR') {
      // A lone <br> is an empty line's placeholder (Draft.js, Lexical); otherwise a line break.
      const parent = node.parentNode;
      const placeholder = parent && parent.childNodes.length === 1;
      if (!placeholder) text += '\n';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) newline();
    for (const child of node.childNodes) walk(child);
    if (block) newline();
  };
  list.forEach((root, index) => {
    if (index > 0) {
      text = text.replace(/\n*$/, '');
      if (text) text += '\n\n';
    }
    for (const child of root.childNodes) walk(child);
  });
  text = text.replace(/\n+$/, '');
  return { text, segments };
}

/** Finds the text node and offset for UTF-16 position `pos` (end positions stick to the left node). */
function locate(segments, pos, preferEnd) {
  for (const seg of segments) {
    if (pos < seg.start) return { node: seg.node, offset: 0 };
    if (pos < seg.end || (preferEnd && pos === seg.end)) return { node: seg.node, offset: pos - seg.start };
  }
  const last = segments[segments.length - 1];
  return last ? { node: last.node, offset: last.end - last.start } : null;
}

/** Turns code-point spans of `model.text` into DOM Ranges (one per span) using `doc.createRange()`. */
export function spansToRanges(model, spans, doc) {
  const ranges = [];
  for (const { start, end } of spansToUtf16(model.text, spans)) {
    const from = locate(model.segments, start, false);
    const to = locate(model.segments, end, true);
    if (!from || !to) continue;
    const range = doc.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    ranges.push(range);
  }
  return ranges;
}

/** The words a span covers, for showing them in the warning. */
export function spanText(text, span) {
  const [{ start, end } = { start: 0, end: 0 }] = spansToUtf16(text, [span]);
  return text.slice(start, end);
}
