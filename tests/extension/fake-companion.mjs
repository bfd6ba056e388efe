// Test helper: a tiny stand-in companion speaking the CONTRACT.md API, for the background client's unit tests.

import crypto from 'node:crypto';
import http from 'node:http';

/** The companion's answer to a nonce: hex HMAC-SHA256 under the secret (companion/pairing.py's proof). */
export const proof = (secret, nonce) => crypto.createHmac('sha256', secret).update(`postguard-companion-proof:${nonce}`).digest('hex');

/**
 * Starts a fake companion on a free loopback port; `requests` records what it was sent. An
 * `impostor` answers /v1/hello without knowing the token (and records what it is sent anyway).
 */
export async function startFakeCompanion({ token = 'secret', findings = [], impostor = false, pairingCode = 'ABCD-2345', pairedSecret = 'paired-secret' } = {}) {
  let secrets = [token];
  const requests = [];
  const categories = { pupil_reference: true, school_reference: true };
  const locked = ['pupil_reference'];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => { raw += chunk; });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const send = (status, payload) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.url === '/v1/health') return send(200, { status: 'ok', version: '9.9.9' });
      if (req.url === '/v1/hello') {
        const proofs = impostor ? [proof('guess', body.nonce)] : secrets.map((secret) => proof(secret, body.nonce));
        return send(200, { service: 'postguard', version: '9.9.9', proofs });
      }
      if (req.url === '/v1/pair') {
        if (body.code !== pairingCode) return send(403, { error: { code: 'pairing_refused', message: 'That code is wrong or has expired.' } });
        secrets = [...secrets, pairedSecret];
        return send(200, { token: pairedSecret });
      }
      if (!secrets.some((secret) => req.headers.authorization === `Bearer ${secret}`)) return send(401, { error: { code: 'unauthorized', message: 'Wrong or missing token.' } });
      if (req.url === '/v1/check') return send(200, { language: 'en', findings });
      if (req.url === '/v1/categories') {
        return send(200, { categories: Object.entries(categories).map(([id, enabled]) => ({ id, title: id, clause: 'c', enabled, locked: locked.includes(id) })) });
      }
      if (req.url === '/v1/settings' && req.method === 'PUT') {
        for (const [id, on] of Object.entries(body.categories)) {
          if (!on && locked.includes(id)) return send(409, { error: { code: 'locked', message: `${id} is locked` } });
          categories[id] = on;
        }
      }
      if (req.url === '/v1/settings') return send(200, { categories, locked });
      if (req.url === '/v1/feedback') return send(200, { ok: true });
      return send(404, { error: { code: 'not_found', message: 'No such thing.' } });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
