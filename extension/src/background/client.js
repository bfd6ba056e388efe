// Companion client: the only code that talks to the PostGuard companion on 127.0.0.1.

export class CompanionError extends Error {
  /**
   * `state` is what the toolbar shows: "down" (not running), "unpaired" (no or refused token),
   * "unverified" (whatever answers cannot prove it is our companion) or "error".
   */
  constructor(state, code, message, status = 0) {
    super(message);
    this.name = 'CompanionError';
    this.state = state;
    this.code = code;
    this.status = status;
  }
}

const TIMEOUT_MS = 4000;
const PROOF_PREFIX = 'postguard-companion-proof:';

const hex = (bytes) => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** What only the holder of `secret` can answer to `nonce`: hex HMAC-SHA256 (the companion's pairing.proof). */
export async function proofFor(secret, nonce, subtle = globalThis.crypto.subtle) {
  const encoder = new TextEncoder();
  const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await subtle.sign('HMAC', key, encoder.encode(PROOF_PREFIX + nonce)));
}

function randomNonce() {
  return hex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Creates a client; `getSettings()` returns {companionPort, token} (merged settings) and
 * `fetchImpl` is the global fetch (injectable for tests). Before any request that carries the
 * token or post text, the companion must prove it holds the token (POST /v1/hello).
 */
export function createClient({ getSettings, fetchImpl = globalThis.fetch.bind(globalThis), timeoutMs = TIMEOUT_MS }) {
  async function send(port, method, path, { body, token } = {}) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetchImpl(`http://127.0.0.1:${port}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new CompanionError('down', 'unreachable', `The PostGuard companion is not running on port ${port}.`);
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

  /** Asks whatever listens on the port to prove it knows the token; throws "unverified" if it cannot. */
  async function verify(port, token) {
    const nonce = randomNonce();
    const answer = await send(port, 'POST', '/v1/hello', { body: { nonce } });
    const expected = await proofFor(token, nonce);
    if (!Array.isArray(answer?.proofs) || !answer.proofs.includes(expected)) {
      throw new CompanionError('unverified', 'not_your_companion',
        `The program on port ${port} could not prove it is your PostGuard companion (not paired, or not your companion), so nothing was sent.`);
    }
  }

  async function request(method, path, { body, auth = true } = {}) {
    const { companionPort, token } = await getSettings();
    if (!auth) return send(companionPort, method, path, { body });
    if (!token) throw new CompanionError('unpaired', 'no_token', 'PostGuard is not paired with the companion yet.');
    await verify(companionPort, token);
    return send(companionPort, method, path, { body, token });
  }

  return {
    health: () => request('GET', '/v1/health', { auth: false }),
    pair: (code) => request('POST', '/v1/pair', { body: { code }, auth: false }),
    check: (body) => request('POST', '/v1/check', { body }),
    categories: () => request('GET', '/v1/categories'),
    settings: () => request('GET', '/v1/settings'),
    putSettings: (body) => request('PUT', '/v1/settings', { body }),
    feedback: ({ category, rule, kind = 'false_alarm' }) => request('POST', '/v1/feedback', { body: { category, rule, kind } }),
  };
}
