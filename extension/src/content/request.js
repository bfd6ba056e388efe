// Request builder: reads the composer(s) and turns them into a /v1/check request plus the text model for highlights.

import { buildTextModel } from '../shared/textmodel.js';
import { accountOf, attachmentElements, attachmentsIn, previewName, recipientOf } from './locate.js';
import { MAX_IMAGES, fitRequest, scaledImage } from './images.js';

const pad = (n) => String(n).padStart(2, '0');
// The companion's limits (it answers 400 beyond them): attachments listed, characters of HTML.
const MAX_ATTACHMENTS = 20;
const MAX_HTML_CHARS = 1_000_000;

/** Local time as ISO 8601 without a zone, e.g. "2026-11-24T10:15:00". */
export function localIso(date = new Date()) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const isField = (el) => el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';

/** The text model of one or more composers; form fields have text but no DOM segments. */
export function readComposers(composers) {
  if (composers.length === 1 && isField(composers[0])) return { text: composers[0].value, segments: [] };
  const editors = composers.filter((el) => !isField(el));
  return buildTextModel(editors);
}

/** {request, model} for a post-like submit (post, reply, comment, message, profile, recommendation). */
export function postRequest({ adapter, doc, site, context, composers, scope, surface, now = new Date() }) {
  const model = readComposers(composers);
  const html = composers.filter((el) => !isField(el)).map((el) => el.innerHTML).join('\n');
  const attachments = attachmentsIn(adapter, scope).slice(0, MAX_ATTACHMENTS);
  const request = { site, context, text: model.text, attachments, now: localIso(now) };
  if (html && html.length <= MAX_HTML_CHARS) request.html = html;
  const account = accountOf(adapter, doc);
  if (account) request.account = account;
  const recipient = recipientOf(surface, composers[0]);
  if (recipient) request.recipient = { name: recipient };
  return { request, model };
}

/**
 * Adds the pictures of the composer's attachments to a submit's request (a new object):
 * `data` (≤ 1024 px JPEG drawn in the page) and `original` (the picked file's EXIF part) for
 * the first MAX_IMAGES, `name`/`type` from the picked file, all within the 1 MiB limit.
 * `files` is the page's file store (files.js). Drawing stops at `timeoutMs`: the pictures not
 * drawn by then go without pixels, but every original read by then still goes, so a photo's
 * EXIF (taken at school, in a lesson) is checked even on a slow machine. Returns {request, report}.
 */
export async function withImages(request, { adapter, scope, files, doc, win, budget, timeoutMs = Infinity }) {
  const elements = attachmentElements(adapter, scope).slice(0, MAX_ATTACHMENTS);
  if (!elements.length) return { request, report: null };
  const LATE = Symbol('late');
  let timer = 0;
  const deadline = Number.isFinite(timeoutMs) ? new Promise((resolve) => { timer = win.setTimeout(resolve, timeoutMs, LATE); }) : null;
  const inTime = (promise) => (deadline ? Promise.race([promise, deadline]) : promise);
  const kindOf = (el) => (el.tagName.toLowerCase() === 'video' ? 'video' : 'image');
  const picked = files ? files.match(elements.map((el) => ({ name: previewName(el), kind: kindOf(el) }))) : elements.map(() => null);
  const attachments = elements.map((el, i) => {
    const file = picked[i];
    return { type: kindOf(el), name: file?.name || previewName(el) || 'image' };
  });
  try {
    // Originals first: they were read when the files were picked, and EXIF alone can warn.
    const originals = await Promise.all(picked.map((file) => (file ? inTime(Promise.resolve(file.original).catch(() => '')) : '')));
    const images = [];
    let analysed = 0;
    let late = false;
    for (let i = 0; i < elements.length && analysed < MAX_IMAGES; i += 1) {
      let image = null;
      if (!late) {
        try {
          image = await inTime(scaledImage(elements[i], { doc, win, prepared: picked[i]?.prepared }));
        } catch {
          image = null; // unreadable: listed without pixels
        }
        if (image === LATE) [image, late] = [null, true];
      }
      const original = originals[i] === LATE ? '' : originals[i];
      if (original) attachments[i].original = original;
      if (image) {
        const { encode } = image;
        images.push({ index: i, encode: async (quality) => { const data = await inTime(encode(quality)); return data === LATE ? '' : data; } });
      }
      if (image || original) analysed += 1;
    }
    const full = { ...request, attachments };
    const report = await fitRequest(full, images, budget ? { budget } : {});
    return { request: full, report };
  } finally {
    win.clearTimeout(timer);
  }
}

/** {request, model} for a login or sign-up field: the text is what was typed as the user name. */
export function accountRequest({ site, context, field, now = new Date() }) {
  const text = field.value;
  return { request: { site, context, text, now: localIso(now) }, model: { text, segments: [] } };
}

/** {request, model} for a friend request, follow or connect: the text is the other person's name. */
export function contactRequest({ site, context, name, now = new Date() }) {
  return { request: { site, context, text: name, recipient: { name }, now: localIso(now) }, model: { text: name, segments: [] } };
}
