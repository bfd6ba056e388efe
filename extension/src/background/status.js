// Companion status: works out "ok", "down", "unpaired" or "error" and shows it on the toolbar badge.

const BADGES = {
  ok: { text: '', color: '#2e7d32', title: 'PostGuard: checking your posts.' },
  down: { text: 'off', color: '#b71c1c', title: 'PostGuard: the companion is not running, so posts are not checked.' },
  unpaired: { text: '!', color: '#e65100', title: 'PostGuard: not paired with the companion. Open PostGuard options and paste the token.' },
  unverified: { text: '!', color: '#b71c1c', title: 'PostGuard: the program on the companion\'s port could not prove it is your companion (not paired, or not your companion). Nothing is sent to it.' },
  error: { text: '!', color: '#e65100', title: 'PostGuard: the companion reported a problem.' },
};

/** What the badge shows for a state; exported for tests. */
export function badgeFor(state) {
  return BADGES[state] ?? BADGES.error;
}

/** Probes health (no token) then a verified, authenticated call; returns {state, version?, message?}. */
export async function probe(client) {
  let version;
  try {
    const health = await client.health();
    version = health.version;
  } catch (error) {
    return { state: error.state ?? 'down', message: error.message };
  }
  try {
    await client.categories();
    return { state: 'ok', version };
  } catch (error) {
    return { state: error.state ?? 'error', version, message: error.message };
  }
}

/** Paints the toolbar badge for `status` through the `action` API. */
export async function paintBadge(action, status) {
  const badge = badgeFor(status.state);
  await action.setBadgeText({ text: badge.text });
  if (badge.text) await action.setBadgeBackgroundColor({ color: badge.color });
  await action.setTitle({ title: status.message && status.state !== 'ok' ? `${badge.title}\n${status.message}` : badge.title });
}
