// Request builder: reads the composer(s) and turns them into a /v1/check request plus the text model for highlights.

import { buildTextModel } from '../shared/textmodel.js';
import { accountOf, attachmentsIn } from './locate.js';

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
export function postRequest({ adapter, doc, site, context, composers, scope, now = new Date() }) {
  const model = readComposers(composers);
  const html = composers.filter((el) => !isField(el)).map((el) => el.innerHTML).join('\n');
  const attachments = attachmentsIn(adapter, scope).slice(0, MAX_ATTACHMENTS);
  const request = { site, context, text: model.text, attachments, now: localIso(now) };
  if (html && html.length <= MAX_HTML_CHARS) request.html = html;
  const account = accountOf(adapter, doc);
  if (account) request.account = account;
  return { request, model };
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
