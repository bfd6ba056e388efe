// Locate: turns an event target into what it means on this site (a post's submit, a login, a follow) using the adapter.

import { sourceOf } from './images.js';

const MAX_SCOPE_DEPTH = 25;

/** Accessible name of a button: its aria-label, else its visible text. */
export function labelOf(el) {
  return (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
}

function labelMatches(el, labels) {
  if (!labels?.length) return true;
  const label = labelOf(el).toLowerCase();
  return labels.some((wanted) => wanted.toLowerCase() === label);
}

function isDisabled(el) {
  return el.disabled === true || el.getAttribute('aria-disabled') === 'true';
}

/** Nearest ancestor of `el` (itself included) that contains an element matching `selector`. */
export function scopeOf(el, selector) {
  let node = el;
  for (let depth = 0; node && depth < MAX_SCOPE_DEPTH; depth += 1) {
    if (node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector))) return node;
    node = node.parentElement;
  }
  return null;
}

function closestMatching(target, selector, labels) {
  let el = target?.closest?.(selector) ?? null;
  // A label list narrows a broad selector (div[role=button]) to the buttons that say e.g. "Post".
  while (el && !labelMatches(el, labels)) el = el.parentElement?.closest(selector) ?? null;
  return el;
}

function composersIn(scope, selector) {
  if (scope.matches(selector)) return [scope];
  return [...scope.querySelectorAll(selector)];
}

function contextOf(surface, scope, pathname) {
  if (surface.replyWhen && scope.querySelector(surface.replyWhen)) return 'reply';
  if (surface.replyPath && surface.replyPath.test(pathname ?? '')) return 'reply';
  return surface.context;
}

/** The post submit a click on `target` would trigger: {surface, button, scope, composers, context} or null. */
export function submitFor(adapter, target, pathname) {
  for (const surface of adapter.surfaces) {
    const button = closestMatching(target, surface.submit, surface.submitLabels);
    if (!button || isDisabled(button)) continue;
    const scope = scopeOf(button, surface.composer);
    if (!scope) continue;
    const composers = composersIn(scope, surface.composer);
    if (!composers.length) continue;
    return { surface, button, scope, composers, context: contextOf(surface, scope, pathname) };
  }
  return null;
}

/** The composer `target` is in, with its surface, the composers posted together and the submit button. */
export function composerFor(adapter, target, pathname) {
  for (const surface of adapter.surfaces) {
    const composer = target?.closest?.(surface.composer);
    if (!composer) continue;
    const scope = scopeOf(composer, surface.submit) ?? composer;
    const composers = composersIn(scope, surface.composer);
    const button = scope === composer ? null : closestMatching(scope.querySelector(surface.submit), surface.submit, surface.submitLabels);
    return { surface, composer, scope, composers, button, context: contextOf(surface, scope, pathname) };
  }
  return null;
}

/** Whether `target` is a composer or close around one (a drop or paste onto the compose box). */
export function nearComposer(adapter, target, depth = 6) {
  const selector = composerSelector(adapter);
  if (!selector || !target?.closest) return false;
  if (target.closest(selector)) return true;
  const { body, documentElement } = target.ownerDocument;
  let node = target;
  for (let level = 0; node && node !== body && node !== documentElement && level < depth; level += 1) {
    if (node.querySelector(selector)) return true;
    node = node.parentElement;
  }
  return false;
}

/** All composers on the page for any surface (for as-you-type checks). */
export function composerSelector(adapter) {
  return adapter.surfaces.map((surface) => surface.composer).join(', ');
}

/** The attachment preview elements in the composer's scope, one per picture (a picture shown twice counts once). */
export function attachmentElements(adapter, scope) {
  if (!adapter.attachments || !scope) return [];
  const seen = new Set();
  const elements = [];
  for (const el of scope.querySelectorAll(adapter.attachments)) {
    const url = sourceOf(el)?.url;
    if (url && seen.has(url)) continue;
    if (url) seen.add(url);
    elements.push(el);
  }
  return elements;
}

/** What a preview is called on the page (its alt text or label), '' when nothing. */
export function previewName(el) {
  return (el.getAttribute('alt') || el.getAttribute('aria-label') || el.getAttribute('title') || '').trim();
}

/** Attachments in the composer's scope: [{type, name}], one per attached item. */
export function attachmentsIn(adapter, scope) {
  return attachmentElements(adapter, scope).map((el) => ({
    type: el.tagName.toLowerCase() === 'video' ? 'video' : 'image',
    name: previewName(el) || 'image',
  }));
}

/** The person a message box writes to, from the conversation's header (surface.recipient), or ''. */
export function recipientOf(surface, composer) {
  const spec = surface?.recipient;
  if (!spec || !composer) return '';
  // Only the composer's own conversation: never a name found elsewhere on the page.
  for (const selector of spec.nameFrom ?? []) {
    const container = composer.closest(selector);
    const el = container?.querySelector(spec.nameSelector);
    const name = (spec.nameAttribute ? el?.getAttribute(spec.nameAttribute) : el?.textContent)?.replace(/\s+/g, ' ').trim();
    if (name) return name.slice(0, 300);
  }
  return '';
}

/** What the page says about the signed-in account: {kind, handle?, name?} or undefined. */
export function accountOf(adapter, doc) {
  const spec = adapter.account ?? {};
  const account = {};
  if (spec.handle) {
    const el = doc.querySelector(spec.handle);
    const handle = el && (spec.parseHandle ? spec.parseHandle(el.textContent) : el.textContent.trim());
    if (handle) account.handle = handle;
  }
  if (spec.name) {
    const el = doc.querySelector(spec.name);
    const name = el && (spec.nameAttribute ? el.getAttribute(spec.nameAttribute) : el.textContent.trim());
    if (name) account.name = name;
  }
  return Object.keys(account).length ? { kind: 'personal', ...account } : undefined;
}

function formKind(adapter, generic, field) {
  const specs = [['signup', adapter.signup], ['login', adapter.login], ['signup', generic.signup], ['login', generic.login]];
  for (const [kind, spec] of specs) {
    if (!spec?.fields || !field.matches(spec.fields)) continue;
    if (spec.form && !field.closest(spec.form)) continue;
    return kind;
  }
  return null;
}

/** A login or sign-up field `target` is, {context, field} or null. */
export function accountFieldFor(adapter, generic, target) {
  if (!target?.matches || target.tagName !== 'INPUT') return null;
  const context = formKind(adapter, generic, target);
  return context ? { context, field: target } : null;
}

/** A login or sign-up button click: {context, button, field} with the field it sends, or null. */
export function accountButtonFor(adapter, generic, target) {
  for (const [context, spec] of [['signup', adapter.signup], ['login', adapter.login], ['signup', generic.signup], ['login', generic.login]]) {
    if (!spec?.buttons) continue;
    const button = closestMatching(target, spec.buttons, spec.buttonLabels);
    if (!button || isDisabled(button)) continue;
    const form = button.closest('form');
    const scope = form ?? scopeOf(button, spec.fields);
    const field = scope && [...scope.querySelectorAll(spec.fields)].find((input) => input.value);
    if (field) return { context: formKind(adapter, generic, field) ?? context, button, field };
  }
  return null;
}

function nameNear(spec, button) {
  if (spec.labelPattern) {
    const match = labelOf(button).match(spec.labelPattern);
    if (match) return match[1].trim();
  }
  for (const selector of spec.nameFrom ?? []) {
    const container = button.closest(selector) ?? button.ownerDocument.querySelector(selector);
    const name = container?.querySelector(spec.nameSelector)?.textContent?.trim();
    if (name) return name;
  }
  return '';
}

/** A friend / follow / connect button click: {context, button, name} or null. */
export function contactFor(adapter, target) {
  for (const spec of adapter.contact ?? []) {
    const button = closestMatching(target, spec.button, spec.buttonLabels);
    if (!button || isDisabled(button)) continue;
    return { context: spec.context, button, name: nameNear(spec, button) };
  }
  return null;
}
