// Bridge: the content script's only way out of the page, a message to the PostGuard background worker.

const api = globalThis.browser ?? globalThis.chrome;

/** Sends `message` to the background; never rejects (a reloaded extension answers {ok:false}). */
export async function send(message) {
  try {
    const answer = await api.runtime.sendMessage(message);
    return answer ?? { ok: false, state: 'error', code: 'no_answer', message: 'PostGuard did not answer.' };
  } catch (error) {
    return { ok: false, state: 'error', code: 'extension', message: String(error?.message ?? error) };
  }
}
