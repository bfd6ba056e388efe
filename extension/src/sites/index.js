// Picks the site adapter for a host name; the generic adapter backs up every site's login forms.

import x from './x.js';
import facebook from './facebook.js';
import linkedin from './linkedin.js';
import instagram from './instagram.js';
import generic from './generic.js';

export const ADAPTERS = [x, facebook, linkedin, instagram];
export { generic };

/** The adapter for `hostname`, or the generic one. */
export function adapterFor(hostname) {
  const host = String(hostname).toLowerCase();
  return ADAPTERS.find((adapter) => adapter.hosts.includes(host)) ?? generic;
}
