// E2E harness: builds the fixture sites, runs the real companion, and launches Chromium with PostGuard loaded.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION = path.join(ROOT, 'extension');
export const EXTENSION_ID = 'hjpeoajjpodgnoempjfionihbelgciic';
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const POSTGUARD = process.env.POSTGUARD_BIN ?? path.join(ROOT, '.venv/bin/postguard');
/** The companion's Python (it has Pillow with the `images` extra), next to its console script. */
export const PYTHON = process.env.POSTGUARD_PYTHON ?? path.join(path.dirname(POSTGUARD), 'python');

/**
 * Draws test photos with Pillow (fixtures/make_photo.py) into a temporary directory:
 * `specs` is {name: {width, height, gps?: [lat, lon], grain?}}; returns {dir, name: path}.
 */
export async function makePhotos(specs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postguard-photos-'));
  const paths = { dir };
  await Promise.all(Object.entries(specs).map(async ([name, { width, height, gps, grain }]) => {
    paths[name] = path.join(dir, `${name}.jpg`);
    await run(PYTHON, [path.join(FIXTURES, 'make_photo.py'), paths[name], String(width), String(height),
      ...(gps ?? []).map(String), ...(grain ? ['--grain'] : [])]);
  }));
  return paths;
}

/** Bundles the Draft.js (X) and Lexical (Facebook) fixture apps from npm; returns {name: code}. */
export async function buildFixtures() {
  const result = await build({
    entryPoints: { 'x-app': path.join(FIXTURES, 'x-app.jsx'), 'facebook-app': path.join(FIXTURES, 'facebook-app.js') },
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  });
  return Object.fromEntries(result.outputFiles.map((file) => [path.basename(file.path), file.text]));
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(predicate, { timeout = 15000, interval = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

const live = new Set();
const killAll = () => {
  for (const child of live) child.kill('SIGKILL');
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128);
  });
}

/**
 * Starts the real companion in a fresh data directory with a pupil and a staff roster.
 * Returns {port, token, home, url, request(), stop(), restart()}.
 */
export async function startCompanion({ pupils = [['Oliver', 'Bennett', '9', '9C']], staff = [['Sarah', 'Hughes']] } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'postguard-home-'));
  const env = { ...process.env, POSTGUARD_HOME: home, POSTGUARD_SECRETS: 'file' };
  const pupilCsv = path.join(home, 'pupils.csv');
  fs.writeFileSync(pupilCsv, ['Forename,Surname,Year,Reg Group', ...pupils.map((row) => row.join(','))].join('\n') + '\n');
  const staffCsv = path.join(home, 'staff.csv');
  fs.writeFileSync(staffCsv, ['Forename,Surname', ...staff.map((row) => row.join(','))].join('\n') + '\n');
  await run(POSTGUARD, ['roster', 'import', '--kind', 'pupils', pupilCsv], { env });
  await run(POSTGUARD, ['roster', 'import', '--kind', 'staff', staffCsv], { env });
  fs.rmSync(pupilCsv);
  fs.rmSync(staffCsv);
  const token = (await run(POSTGUARD, ['token'], { env })).stdout.trim();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = null;

  async function start() {
    child = spawn(POSTGUARD, ['serve', '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    live.add(child);
    let log = '';
    child.stderr.on('data', (chunk) => { log += chunk; });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`companion exited: ${log}`);
      try {
        const response = await fetch(`${url}/v1/health`);
        return response.status === 200 && (await response.json()).status === 'ok';
      } catch {
        return false;
      }
    }, { what: 'the companion to answer /v1/health' });
    child.exited = exited;
  }

  async function stop() {
    if (!child || child.exitCode !== null) return;
    const current = child;
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), 3000);
    await current.exited;
    clearTimeout(timer);
    live.delete(current);
  }

  /** Calls the companion's API directly (for test setup), returning {status, body}. */
  async function request(method, route, body) {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  /** Runs `postguard pair` and returns the one-time code it shows. */
  async function pairingCode() {
    const { stdout } = await run(POSTGUARD, ['pair'], { env });
    const match = stdout.match(/Pairing code:\s*([A-Z0-9]{4}-[A-Z0-9]{4})/);
    if (!match) throw new Error(`no pairing code in: ${stdout}`);
    return match[1];
  }

  await start();
  // The timetable rule would flag every post made during a lesson; tests must not depend on the clock.
  await request('PUT', '/v1/settings', { categories: { lesson_time: false } }).catch(() => {});
  return {
    port, token, home, url, request, stop, pairingCode,
    restart: start,
    cleanup: async () => {
      await stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Launches Chromium with PostGuard, serving the fixture sites at x.com and www.facebook.com.
 * Returns {context, worker, close()}.
 */
export async function launchBrowser({ fixtures }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'postguard-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1000, height: 760 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const pages = { 'x.com': fs.readFileSync(path.join(FIXTURES, 'x.html'), 'utf8'), 'www.facebook.com': fs.readFileSync(path.join(FIXTURES, 'facebook.html'), 'utf8') };
  const serve = async (route) => {
    const url = new URL(route.request().url());
    const script = url.pathname.match(/^\/__fixture\/([\w-]+\.js)$/);
    if (script && fixtures[script[1]]) {
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: fixtures[script[1]] });
    } else if (url.pathname.endsWith('.ico')) {
      await route.fulfill({ status: 404, body: '' });
    } else {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pages[url.hostname] });
    }
  };
  await context.route('https://x.com/**', serve);
  await context.route('https://www.facebook.com/**', serve);
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15000 });
  return {
    context,
    worker,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Pairs through the options page, as a teacher would: paste the token, set the port, save. */
export async function pairThroughOptions(context, { token, port }) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.fill('#token', token);
  await page.fill('#port', String(port));
  await page.click('#pairing button[type="submit"]');
  await page.waitForSelector('body[data-state="ok"]');
  const status = await page.textContent('#status');
  await page.close();
  return status;
}

/** The PostGuard dialog on `page` (a locator that pierces its shadow root). */
export const dialog = (page) => page.locator('postguard-ui [role="dialog"]');

/** The warning dialog's finding of `category`, once it shows. */
export async function shownFinding(page, category, { timeout = 30000 } = {}) {
  const finding = dialog(page).locator(`li.finding[data-category="${category}"]`);
  try {
    await finding.waitFor({ timeout });
  } catch (error) {
    // Say what the page showed instead, so a failure in CI can be told apart from a slow machine.
    const seen = await page.evaluate(() => {
      const roots = [...document.querySelectorAll('postguard-ui')].map((host) => host.shadowRoot).filter(Boolean);
      return {
        findings: roots.flatMap((root) => [...root.querySelectorAll('li.finding')].map((item) => item.dataset.category)),
        notice: roots.map((root) => root.querySelector('[role="status"]')?.textContent).filter(Boolean),
        posted: (window.__posts ?? []).length,
      };
    }).catch((reason) => ({ unreadable: String(reason) }));
    error.message += `\nthe page showed instead: ${JSON.stringify(seen)}`;
    throw error;
  }
  return finding;
}

/** Waits until `fn` (run in the page) returns a truthy value, and returns it. */
export async function until(page, fn, arg) {
  const handle = await page.waitForFunction(fn, arg, { timeout: 10000 });
  return handle.jsonValue();
}

export const screenshotsWanted = () => process.env.POSTGUARD_SCREENSHOTS === '1';
export const docsPath = (name) => path.join(ROOT, 'docs', name);
export { waitFor };
