// Converts the companion's code-point spans into JavaScript (UTF-16) string offsets.

/** Returns the UTF-16 index of code point number `cp` in `text` (clamped to the text's end). */
export function codePointToUtf16(text, cp) {
  let index = 0;
  let seen = 0;
  while (seen < cp && index < text.length) {
    const code = text.charCodeAt(index);
    const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
    const next = text.charCodeAt(index + 1);
    index += isHighSurrogate && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    seen += 1;
  }
  return index;
}

/** Maps [{start, end}] in code points to [{start, end}] in UTF-16 units, dropping empty or inverted spans. */
export function spansToUtf16(text, spans = []) {
  const out = [];
  for (const span of spans) {
    if (!Number.isInteger(span?.start) || !Number.isInteger(span?.end)) continue;
    const start = codePointToUtf16(text, Math.max(0, span.start));
    const end = codePointToUtf16(text, Math.max(0, span.end));
    if (end > start) out.push({ start, end });
  }
  return out;
}
