// UI host: a shadow-DOM host on the page that site CSS and site scripts leave alone.

export const UI_ATTR = 'data-postguard';

/** Creates (once per name) a host element with an open shadow root holding `css`. */
export function uiHost(doc, name, css) {
  const existing = doc.querySelector(`[${UI_ATTR}="${name}"]`);
  if (existing?.shadowRoot) return { host: existing, root: existing.shadowRoot };
  const host = doc.createElement('postguard-ui');
  host.setAttribute(UI_ATTR, name);
  host.style.cssText = 'all: initial; position: fixed; inset: 0 auto auto 0; z-index: 2147483647; display: block;';
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  (doc.body ?? doc.documentElement).append(host);
  return { host, root };
}

/** True when an event comes from PostGuard's own UI (so interception and typing ignore it). */
export function fromOurUi(event) {
  const target = event.target;
  return Boolean(target?.closest?.(`[${UI_ATTR}]`));
}

/** Creates an element with attributes and children (strings become text, never HTML). */
export function el(doc, tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return node;
}
