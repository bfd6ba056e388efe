// Background worker: routes messages from PostGuard's own pages and content scripts, and keeps the toolbar badge true.

import { createHandlers } from './handlers.js';

const api = globalThis.browser ?? globalThis.chrome;
const STATUS_ALARM = 'postguard-status';
const { handlers, refreshStatus } = createHandlers({ api });

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  const handler = handlers[message?.type];
  if (!handler) return false;
  handler(message).then(sendResponse, (error) => sendResponse({ ok: false, state: 'error', code: 'internal', message: String(error?.message ?? error) }));
  return true;
});

api.alarms.create(STATUS_ALARM, { periodInMinutes: 1 });
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === STATUS_ALARM) refreshStatus();
});
api.storage.onChanged.addListener(() => refreshStatus());
api.runtime.onStartup.addListener(() => refreshStatus());
api.runtime.onInstalled.addListener(() => refreshStatus());
refreshStatus();
