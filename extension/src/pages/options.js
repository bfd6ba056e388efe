// Options: pairing (paste the token) and the companion's port; fields IT manages are shown fixed.

import { DEFAULT_PORT } from '../shared/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

const STATUS_TEXT = {
  ok: (s) => `Paired. Companion ${s.version ?? ''} answers on port ${s.port}.`,
  down: (s) => `Nothing answers on port ${s.port}. Start PostGuard (postguard serve) or check the port.`,
  unpaired: () => 'Not paired: paste the token that "postguard token" prints.',
  unverified: (s) => `Not your companion, or not paired: the program on port ${s.port} could not prove it knows this token. Check the token or pair again.`,
  error: (s) => `The companion reported a problem: ${s.message ?? 'unknown error'}`,
};

async function showStatus() {
  const status = await api.runtime.sendMessage({ type: 'status' });
  $('status').dataset.state = status.state;
  $('status').textContent = (STATUS_TEXT[status.state] ?? STATUS_TEXT.error)(status);
  const managed = new Set(status.managedKeys ?? []);
  $('token').disabled = managed.has('token');
  $('port').disabled = managed.has('companionPort');
  $('managed').hidden = managed.size === 0;
  document.body.dataset.state = status.state;
}

async function load() {
  const { token = '', companionPort } = await api.storage.local.get(['token', 'companionPort']);
  $('token').value = token;
  $('port').value = companionPort ?? DEFAULT_PORT;
  await showStatus();
}

$('pairing').addEventListener('submit', async (event) => {
  event.preventDefault();
  const port = Number($('port').value) || DEFAULT_PORT;
  await api.storage.local.set({ token: $('token').value.trim(), companionPort: port });
  await showStatus();
});

$('pair-code').addEventListener('submit', async (event) => {
  event.preventDefault();
  const port = Number($('port').value) || DEFAULT_PORT;
  await api.storage.local.set({ companionPort: port });
  $('pair-result').textContent = 'Pairing…';
  const answer = await api.runtime.sendMessage({ type: 'pair', code: $('code').value });
  $('pair-result').textContent = answer.ok ? 'Paired.' : `Not paired: ${answer.message ?? 'the companion refused the code.'}`;
  if (answer.ok) {
    $('code').value = '';
    const { token = '' } = await api.storage.local.get('token');
    $('token').value = token;
  }
  await showStatus();
});

$('forget').addEventListener('click', async () => {
  await api.storage.local.remove('token');
  $('token').value = '';
  await showStatus();
});

load();
