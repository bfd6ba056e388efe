// Settings: the user's choices merged with IT's managed storage, where managed values win.

export const DEFAULT_PORT = 17345;

export const DEFAULTS = Object.freeze({
  companionPort: DEFAULT_PORT,
  token: '',
  lockedCategories: [],
  disabledSites: [],
  failClosed: false,
  policyUrl: '',
});

const MANAGED_KEYS = Object.keys(DEFAULTS);

function validPort(value) {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}

function stringList(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string' && item) : null;
}

function clean(source = {}) {
  const out = {};
  if (!source || typeof source !== 'object') return out;
  const port = validPort(source.companionPort);
  if (port !== null) out.companionPort = port;
  if (typeof source.token === 'string' && source.token.trim()) out.token = source.token.trim();
  const locked = stringList(source.lockedCategories);
  if (locked) out.lockedCategories = locked;
  const sites = stringList(source.disabledSites);
  if (sites) out.disabledSites = sites.map((site) => site.toLowerCase());
  if (typeof source.failClosed === 'boolean') out.failClosed = source.failClosed;
  if (typeof source.policyUrl === 'string' && /^https?:\/\//.test(source.policyUrl)) out.policyUrl = source.policyUrl;
  return out;
}

/**
 * Merges defaults, the user's local settings and IT's managed settings (managed wins).
 * `managedKeys` lists which keys IT set, so the options page can show them as fixed.
 */
export function mergeSettings(local = {}, managed = {}) {
  const user = clean(local);
  const it = clean(managed);
  const merged = { ...DEFAULTS, ...user, ...it };
  merged.lockedCategories = [...new Set(it.lockedCategories ?? [])];
  merged.disabledSites = [...new Set(it.disabledSites ?? user.disabledSites ?? [])];
  merged.managedKeys = MANAGED_KEYS.filter((key) => key in it);
  return merged;
}

/** True when PostGuard should stay out of `hostname` (exact match or a subdomain of a listed site). */
export function siteDisabled(settings, hostname) {
  const host = String(hostname).toLowerCase();
  return (settings.disabledSites ?? []).some((site) => host === site || host.endsWith(`.${site}`));
}
