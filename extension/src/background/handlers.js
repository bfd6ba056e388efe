// Background handlers: what the content scripts, popup and options page may ask, answered through the companion client.

import { createClient } from './client.js';
import { probe, paintBadge } from './status.js';
import { mergeSettings, siteDisabled } from '../shared/settings.js';

/**
 * Builds the handlers over `api` (chrome/browser: storage, action, runtime) and, for tests, an
 * injectable `client`. Returns {handlers, refreshStatus}.
 */
export function createHandlers({ api, client: injectedClient, fetchImpl }) {
  async function readManaged() {
    try {
      return (await api.storage.managed.get(null)) ?? {};
    } catch {
      return {}; // No policy installed (or Firefox without a managed manifest).
    }
  }

  async function loadSettings() {
    const [local, managed] = await Promise.all([api.storage.local.get(null), readManaged()]);
    return mergeSettings(local, managed);
  }

  const client = injectedClient ?? createClient({ getSettings: loadSettings, ...(fetchImpl ? { fetchImpl } : {}) });
  let lastStatus = { state: 'unknown' };

  async function setStatus(status) {
    const changed = status.state !== lastStatus.state || status.message !== lastStatus.message;
    lastStatus = { ...status };
    if (changed) await paintBadge(api.action, lastStatus);
  }

  /** Switches back on any category IT locked through managed storage that the companion has off. */
  async function enforceManagedLocks(settings) {
    if (!settings.lockedCategories.length) return;
    const current = await client.settings();
    const off = settings.lockedCategories.filter((id) => current.categories?.[id] === false);
    if (off.length) await client.putSettings({ categories: Object.fromEntries(off.map((id) => [id, true])) });
  }

  async function refreshStatus() {
    const status = await probe(client);
    await setStatus(status);
    if (status.state === 'ok') {
      try {
        await enforceManagedLocks(await loadSettings());
      } catch {
        // Best effort: the next probe tries again.
      }
    }
    return lastStatus;
  }

  function failure(error, settings) {
    const state = error.state ?? 'error';
    if (state === 'down' || state === 'unpaired' || state === 'unverified') setStatus({ state, message: error.message });
    return { ok: false, state, code: error.code ?? 'error', message: error.message, failClosed: Boolean(settings?.failClosed) };
  }

  const handlers = {
    async check({ request }) {
      const settings = await loadSettings();
      try {
        const result = await client.check(request);
        if (lastStatus.state !== 'ok') setStatus({ state: 'ok', version: lastStatus.version });
        return { ok: true, result };
      } catch (error) {
        return failure(error, settings);
      }
    },

    async feedback({ category, rule }) {
      try {
        await client.feedback({ category, rule, kind: 'false_alarm' });
        return { ok: true };
      } catch (error) {
        return failure(error);
      }
    },

    async status() {
      const [status, settings] = await Promise.all([refreshStatus(), loadSettings()]);
      return {
        ok: true,
        ...status,
        port: settings.companionPort,
        paired: Boolean(settings.token),
        failClosed: settings.failClosed,
        managedKeys: settings.managedKeys,
        policyUrl: settings.policyUrl || api.runtime.getURL('policy.txt'),
      };
    },

    async categories() {
      const settings = await loadSettings();
      try {
        const { categories = [] } = await client.categories();
        const lockedByIt = new Set(settings.lockedCategories);
        return {
          ok: true,
          categories: categories.map((category) => ({
            ...category,
            locked: Boolean(category.locked) || lockedByIt.has(category.id),
            enabled: lockedByIt.has(category.id) ? true : Boolean(category.enabled),
          })),
        };
      } catch (error) {
        return failure(error, settings);
      }
    },

    async setCategory({ id, enabled }) {
      const settings = await loadSettings();
      if (!enabled && settings.lockedCategories.includes(id)) {
        return { ok: false, state: 'error', code: 'locked', message: 'Your school has locked this warning on.' };
      }
      try {
        const result = await client.putSettings({ categories: { [id]: Boolean(enabled) } });
        return { ok: true, result };
      } catch (error) {
        return failure(error, settings);
      }
    },

    async pageConfig({ hostname }) {
      const settings = await loadSettings();
      return { ok: true, disabled: siteDisabled(settings, hostname), failClosed: settings.failClosed };
    },

    /** Pairs with the one-time code `postguard pair` shows; the companion answers with this browser's own secret. */
    async pair({ code }) {
      try {
        const { token } = await client.pair(String(code ?? '').trim());
        if (typeof token !== 'string' || !token) return { ok: false, state: 'error', code: 'bad_response', message: 'The companion did not send a secret.' };
        await api.storage.local.set({ token });
        const status = await refreshStatus();
        return { ok: status.state === 'ok', ...status };
      } catch (error) {
        return failure(error);
      }
    },

    async openOptions() {
      await api.runtime.openOptionsPage();
      return { ok: true };
    },
  };

  return { handlers, refreshStatus };
}
