// Unit: code-point spans from the companion become the right UTF-16 offsets and DOM Ranges.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codePointToUtf16, spansToUtf16 } from '../../extension/src/shared/spans.js';
import { buildTextModel, spanText, spansToRanges } from '../../extension/src/shared/textmodel.js';
import { domOf } from './dom.mjs';

// Python's len() of a str counts code points; JavaScript's .length counts UTF-16 units.
const pyLen = (text) => [...text].length;

describe('codePointToUtf16', () => {
  test('is the identity on text without astral characters', () => {
    assert.equal(codePointToUtf16('Well done Oliver', 10), 10);
  });

  test('counts an emoji (a surrogate pair) as one code point', () => {
    const text = '🎉 Oliver Bennett';
    assert.equal(codePointToUtf16(text, 2), 3);
    assert.equal(text.slice(codePointToUtf16(text, 2), codePointToUtf16(text, 16)), 'Oliver Bennett');
  });

  test('handles several astral characters, flags and a lone surrogate', () => {
    const text = '🇬🇧👩‍🏫 \uD800 Oliver';
    const start = pyLen('🇬🇧👩‍🏫 \uD800 ');
    assert.equal(text.slice(codePointToUtf16(text, start), codePointToUtf16(text, start + 6)), 'Oliver');
  });

  test('clamps offsets past the end', () => {
    assert.equal(codePointToUtf16('abc', 99), 3);
  });
});

describe('spansToUtf16', () => {
  test('converts each span and drops empty, inverted and malformed ones', () => {
    const text = '🎉🎉 The Crypt School';
    const start = pyLen('🎉🎉 ');
    assert.deepEqual(spansToUtf16(text, [{ start, end: start + 16 }, { start: 5, end: 5 }, { start: 9, end: 2 }, { start: 'a', end: 3 }]), [{ start: 5, end: 21 }]);
    assert.equal(spanText(text, { start, end: start + 16 }), 'The Crypt School');
  });
});

describe('text model and Ranges', () => {
  test('Draft.js blocks become lines and spans map back to the right text nodes', () => {
    const { document } = domOf(`<div id="ed" contenteditable="true"><div data-contents="true">
      <div data-block="true"><div><span><span data-text="true">Sports day 🏅 with </span></span><span><span data-text="true">Oliver Bennett</span></span></div></div>
      <div data-block="true"><div><span><br data-text="true"></span></div></div>
      <div data-block="true"><div><span><span data-text="true">at The Crypt School</span></span></div></div>
    </div></div>`);
    const model = buildTextModel(document.getElementById('ed'));
    assert.equal(model.text, 'Sports day 🏅 with Oliver Bennett\nat The Crypt School');
    const pupil = { start: pyLen('Sports day 🏅 with '), end: pyLen('Sports day 🏅 with Oliver Bennett') };
    const school = { start: pyLen('Sports day 🏅 with Oliver Bennett\nat '), end: pyLen(model.text) };
    const [first, second] = spansToRanges(model, [pupil, school], document);
    assert.equal(first.toString(), 'Oliver Bennett');
    assert.equal(first.startContainer.parentNode.textContent, 'Oliver Bennett');
    assert.equal(second.toString(), 'The Crypt School');
  });

  test('a span across two text nodes becomes one Range', () => {
    const { document } = domOf('<div id="ed"><p><span>Well done Oli</span><strong>ver</strong> Bennett</p></div>');
    const model = buildTextModel(document.getElementById('ed'));
    const [range] = spansToRanges(model, [{ start: 10, end: 24 }], document);
    assert.equal(range.toString(), 'Oliver Bennett');
  });

  test('Lexical paragraphs and line breaks; several composers join with a blank line', () => {
    const { document } = domOf(`<div id="a" data-lexical-editor="true"><p><span data-lexical-text="true">One</span><br><span data-lexical-text="true">Two</span></p><p><br></p></div>
      <div id="b"><p><span>Three</span></p></div>`);
    const model = buildTextModel([document.getElementById('a'), document.getElementById('b')]);
    assert.equal(model.text, 'One\nTwo\n\nThree');
    const [range] = spansToRanges(model, [{ start: 9, end: 14 }], document);
    assert.equal(range.toString(), 'Three');
  });
});
