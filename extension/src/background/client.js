// Companion client: the only code that talks to the PostGuard companion on 127.0.0.1.

export class CompanionError extends Error {
  /** `state` is what the toolbar shows: "down" (not running), "unpaired" (no or wrong token) or "error". */
  constructor(state, code, message, status = 0) {
    super(message);
    this.name = 'CompanionError';
    this.state = state;
    this.code = code;
    this.status = status;
  }
}

const TIMEOUT_MS = 4000;

/**
 * Creates a client; `getSettings()` returns {companionPort, token} (merged settings) and
 * `fetchImpl` is the global fetch (injectable for tests).
 */
export function createClient({ getSettings, fetchImpl = globalThis.fetch.bind(globalThis), timeoutMs = TIMEOUT_MS }) {
  async function request(method, path, { body, auth = true } = {}) {
    const { companionPort, token } = await getSettings();
    if (auth && !token) {
      throw new CompanionError('unpaired', 'no_token', 'PostGuard is not paired with the companion yet.');
    }
    const headers = { Accept: 'application/json' };
    if (auth) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetchImpl(`http://127.0.0.1:${companionPort}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new CompanionError('down', 'unreachable', `The PostGuard companion is not running on port ${companionPort}.`);
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    if (!response.ok) {
      const code = payload?.error?.code ?? `http_${response.status}`;
      const message = payload?.error?.message ?? `The companion answered ${response.status}.`;
      const state = response.status === 401 || response.status === 403 ? 'unpaired' : 'error';
      throw new CompanionError(state, code, message, response.status);
    }
    if (payload === null) throw new CompanionError('error', 'bad_response', 'The companion sent an answer PostGuard cannot read.', response.status);
    return payload;
  }

  return {
    health: () => request('GET', '/v1/health', { auth: false }),
    check: (body) => request('POST', '/v1/check', { body }),
    categories: () => request('GET', '/v1/categories'),
    settings: () => request('GET', '/v1/settings'),
    putSettings: (body) => request('PUT', '/v1/settings', { body }),
    feedback: ({ category, rule, kind = 'false_alarm' }) => request('POST', '/v1/feedback', { body: { category, rule, kind } }),
  };
}
