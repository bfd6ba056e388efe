// E2E: PostGuard in real Chromium against the real companion, on Draft.js (X) and Lexical (Facebook) stand-ins.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  EXTENSION_ID, ROOT, buildFixtures, dialog, docsPath, launchBrowser, makePhotos, pairThroughOptions, screenshotsWanted, shownFinding, startCompanion, until,
} from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeCompanion } from '../extension/fake-companion.mjs';

const PUPIL_POST = 'Well done Oliver Bennett';
const SCHOOL_POST = 'Proud to teach at The Crypt School';
const CLEAN_POST = 'Lovely crisp morning for a run by the canal';

let companion;
let browser;
let photos;
// school/crypt-school.toml's example [location]: 51.8476, -2.2588, radius 250 m; this is about 90 m away.
const AT_SCHOOL = [51.8483, -2.2580];
// scikit-image's astronaut (public domain), as the companion's own face tests use it.
const FACE_PHOTO = path.join(ROOT, 'tests/companion/data/astronaut.jpg');

async function openX(path = '/home') {
  const page = await browser.context.newPage();
  await page.goto(`https://x.com${path}`);
  await page.waitForSelector('html[data-postguard-active]');
  return page;
}

async function typeInto(page, selector, text) {
  await page.click(selector);
  await page.keyboard.type(text);
  await until(page, ([sel, want]) => document.querySelector(sel)?.innerText.includes(want), [selector, text]);
}

const X_COMPOSER = '[data-testid="tweetTextarea_0"]';
const X_POST = '[data-testid="tweetButtonInline"]';
const posts = (page) => page.evaluate(() => window.__posts.map((post) => post.text));

describe('PostGuard end to end', { timeout: 150000 }, () => {
  before(async () => {
    const [fixtures, started, drawn] = await Promise.all([
      buildFixtures(), startCompanion(),
      makePhotos({ atSchool: { width: 1600, height: 1200, gps: AT_SCHOOL }, plain: { width: 1600, height: 1200 } }),
    ]);
    photos = drawn;
    companion = started;
    browser = await launchBrowser({ fixtures });
    const status = await pairThroughOptions(browser.context, companion);
    assert.match(status, /Paired/);
  });

  after(async () => {
    await browser?.close();
    await companion?.cleanup();
    if (photos) fs.rmSync(photos.dir, { recursive: true, force: true });
  });

  test('a post naming a pupil is held and shows the overlay', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.click(X_POST);
    const overlay = dialog(page);
    await overlay.waitFor();
    assert.equal(await overlay.getAttribute('aria-modal'), 'true');
    assert.match(await overlay.locator('#pg-title').textContent(), /Check this post/);
    const finding = overlay.locator('li.finding[data-category="pupil_reference"]');
    assert.equal(await finding.count(), 1);
    assert.equal(await finding.locator('mark').first().textContent(), 'Oliver Bennett');
    assert.match(await finding.locator('.clause').textContent(), /pupils/);
    assert.deepEqual(await posts(page), []);
    if (screenshotsWanted()) await page.screenshot({ path: docsPath('screenshot-overlay.png') });
    await page.close();
  });

  test('Edit post closes the overlay, keeps the text and returns focus to the composer', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.click(X_POST);
    await dialog(page).waitFor();
    await dialog(page).getByRole('button', { name: 'Edit post' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    assert.equal(await page.locator(X_COMPOSER).innerText(), PUPIL_POST);
    assert.equal(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), X_COMPOSER), true);
    assert.deepEqual(await posts(page), []);
    // Typing goes on in the same editor: Draft.js was never written to.
    await page.keyboard.type('!');
    await until(page, (sel) => document.querySelector(sel).innerText.includes('!'), X_COMPOSER);
    assert.equal(await page.locator(X_COMPOSER).innerText(), `${PUPIL_POST}!`);
    await page.close();
  });

  test('Esc closes the overlay like Edit post', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.click(X_POST);
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    assert.equal(await page.locator(X_COMPOSER).innerText(), PUPIL_POST);
    assert.deepEqual(await posts(page), []);
    await page.close();
  });

  test('a clean post goes through without an overlay', async () => {
    const page = await openX();
    await page.evaluate(() => {
      window.__sawDialog = false;
      new MutationObserver(() => {
        if ([...document.querySelectorAll('postguard-ui')].some((host) => host.shadowRoot?.querySelector('[role="dialog"]'))) window.__sawDialog = true;
      }).observe(document.documentElement, { childList: true, subtree: true });
    });
    await typeInto(page, X_COMPOSER, CLEAN_POST);
    await page.click(X_POST);
    await until(page, () => window.__posts.length === 1);
    assert.deepEqual(await posts(page), [CLEAN_POST]);
    assert.equal(await page.evaluate(() => window.__sawDialog), false);
    await page.close();
  });

  async function attach(page, file) {
    await page.setInputFiles('[data-testid="fileInput"]', file);
    await page.locator('[data-testid="attachments"] img').last().waitFor({ state: 'attached' });
  }

  test('a photo taken at school (GPS in its EXIF) is held: the overlay says it was taken at school', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, CLEAN_POST);
    await attach(page, photos.atSchool);
    await page.click(X_POST);
    const finding = await shownFinding(page, 'pupil_image');
    assert.match(await finding.textContent(), /taken at school/);
    const categories = await dialog(page).locator('li.finding').evaluateAll((items) => items.map((item) => item.dataset.category));
    assert.ok(categories.includes('personal_data'), `the GPS position is personal data too: ${categories}`);
    assert.deepEqual(await posts(page), []);
    await page.close();
  });

  test('a photo without GPS and a neutral caption goes through', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, CLEAN_POST);
    await attach(page, photos.plain);
    await page.click(X_POST);
    await until(page, () => window.__posts.length === 1);
    assert.deepEqual(await page.evaluate(() => window.__posts.map((post) => [post.text, post.media])), [[CLEAN_POST, ['plain.jpg']]]);
    assert.equal(await dialog(page).count(), 0);
    await page.close();
  });

  test('the scaled copy of the photo is analysed: faces on a post about students warn', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, 'Lovely afternoon with the students');
    await attach(page, FACE_PHOTO);
    await page.click(X_POST);
    const finding = await shownFinding(page, 'pupil_image');
    assert.match(await finding.textContent(), /shows a face/);
    assert.deepEqual(await posts(page), []);
    await page.close();
  });

  test('a picture the page shows with no file seen (pasted from another app) is read from its preview', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, 'Lovely afternoon with the students');
    // Stands in for a picture the site put in the composer itself: only its blob: preview exists.
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const img = document.createElement('img');
      img.alt = '';
      img.src = URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
      document.querySelector('[data-testid="attachments"]').append(img);
      return img.decode();
    }, fs.readFileSync(FACE_PHOTO).toString('base64'));
    await page.click(X_POST);
    const finding = await shownFinding(page, 'pupil_image');
    assert.match(await finding.textContent(), /shows a face/);
    assert.deepEqual(await posts(page), []);
    await page.close();
  });

  test('Post anyway posts exactly once', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.click(X_POST);
    await dialog(page).waitFor();
    await dialog(page).getByRole('button', { name: 'Post anyway' }).click();
    await until(page, () => window.__posts.length >= 1);
    // A later clean post lands as the second: the held one was not replayed twice.
    await typeInto(page, X_COMPOSER, CLEAN_POST);
    await page.click(X_POST);
    await until(page, () => window.__posts.length >= 2);
    assert.deepEqual(await posts(page), [PUPIL_POST, CLEAN_POST]);
    await page.close();
  });

  test('Ctrl+Enter is held too, and Post anyway replays the shortcut once', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.keyboard.press('Control+Enter');
    await dialog(page).waitFor();
    assert.deepEqual(await posts(page), []);
    await dialog(page).getByRole('button', { name: 'Post anyway' }).click();
    await until(page, () => window.__posts.length >= 1);
    await typeInto(page, X_COMPOSER, CLEAN_POST);
    await page.keyboard.press('Control+Enter');
    await until(page, () => window.__posts.length >= 2);
    assert.deepEqual(await page.evaluate(() => window.__posts.map((post) => [post.text, post.via])), [[PUPIL_POST, 'shortcut'], [CLEAN_POST, 'shortcut']]);
    await page.close();
  });

  test('plain Enter is a new line, not a submit', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, 'First line');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second line');
    await until(page, (sel) => document.querySelector(sel).innerText.includes('Second line'), X_COMPOSER);
    assert.equal(await dialog(page).count(), 0);
    assert.deepEqual(await posts(page), []);
    await page.close();
  });

  test('as you type, a badge counts the findings and the words are highlighted', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, `${PUPIL_POST} 🎉 at The Crypt School`);
    const badge = page.locator('postguard-ui .badge');
    await badge.waitFor();
    assert.equal(Number(await badge.textContent()) >= 2, true);
    // The editor's DOM carries no PostGuard markup.
    assert.equal(await page.locator(`${X_COMPOSER} mark, ${X_COMPOSER} postguard-ui`).count(), 0);
    const highlighted = await page.evaluate(() => [...(CSS.highlights.get('postguard') ?? [])].map((range) => range.toString()));
    assert.ok(highlighted.includes('Oliver Bennett'), `highlighted: ${highlighted}`);
    assert.ok(highlighted.includes('The Crypt School'), `highlighted: ${highlighted}`);
    await page.close();
  });

  test('a Lexical (Facebook) post naming the school is held; Post anyway posts it once', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.facebook.com/');
    await page.waitForSelector('html[data-postguard-active]');
    const composer = '[role="textbox"][data-lexical-editor="true"]';
    await page.click(composer);
    await page.keyboard.type(SCHOOL_POST);
    await until(page, ([sel, want]) => document.querySelector(sel).innerText.includes(want), [composer, SCHOOL_POST]);
    await page.click('div[role="button"][aria-label="Post"]');
    await dialog(page).waitFor();
    const categories = await dialog(page).locator('li.finding').evaluateAll((items) => items.map((item) => item.dataset.category));
    assert.ok(categories.includes('school_reference'), categories.join());
    assert.ok(categories.includes('missing_disclaimer'), categories.join());
    await dialog(page).getByRole('button', { name: 'Post anyway' }).click();
    await until(page, () => window.__posts.length >= 1);
    assert.deepEqual(await page.evaluate(() => window.__posts.map((post) => post.text)), [SCHOOL_POST]);
    await page.close();
  });

  test('a Facebook comment sent with Enter is held; Shift+Enter stays a new line; Post anyway sends it once', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.facebook.com/');
    await page.waitForSelector('html[data-postguard-active]');
    await page.click('#comment');
    await page.keyboard.type('Great to see');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Oliver Bennett on the team');
    await until(page, () => window.__editorText('comment').includes('Oliver Bennett on the team'));
    assert.equal(await dialog(page).count(), 0);
    await page.keyboard.press('Enter');
    await dialog(page).locator('li.finding[data-category="pupil_reference"]').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__comments), []);
    await dialog(page).getByRole('button', { name: 'Post anyway' }).click();
    await until(page, () => window.__comments.length >= 1);
    assert.deepEqual(await page.evaluate(() => window.__comments.map((c) => c.text)), ['Great to see\nOliver Bennett on the team']);
    await page.close();
  });

  test('as you type in Lexical: highlights appear and the editor keeps working', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.facebook.com/');
    await page.waitForSelector('html[data-postguard-active]');
    await page.click('#composer');
    await page.keyboard.type(`Proud of ${PUPIL_POST.split(' ').slice(2).join(' ')} today`);
    await page.locator('postguard-ui .badge').waitFor();
    await until(page, () => [...(CSS.highlights.get('postguard') ?? [])].some((range) => range.toString() === 'Oliver Bennett'));
    await page.keyboard.type(' and always');
    const want = 'Proud of Oliver Bennett today and always';
    await until(page, (text) => window.__editorText('post') === text, want);
    assert.equal(await page.locator('#composer').innerText(), want);
    await page.close();
  });

  test('a work e-mail address typed into the X login is warned before it goes', async () => {
    const page = await openX('/i/flow/login');
    await page.fill('input[autocomplete="username"]', 'jo@cryptschool.example');
    await page.getByRole('button', { name: 'Next' }).click();
    await dialog(page).waitFor();
    assert.equal(await dialog(page).locator('li.finding[data-category="work_email"]').count(), 1);
    assert.deepEqual(await page.evaluate(() => window.__logins), []);
    await dialog(page).getByRole('button', { name: 'Change address' }).click();
    // Enter in the field is held as well.
    await page.focus('input[autocomplete="username"]');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    assert.deepEqual(await page.evaluate(() => window.__logins), []);
    await dialog(page).getByRole('button', { name: 'Change address' }).click();
    // A personal address is not held.
    await page.fill('input[autocomplete="username"]', 'jo.smith@example.org');
    await page.getByRole('button', { name: 'Next' }).click();
    await until(page, () => window.__logins.length === 1);
    assert.deepEqual(await page.evaluate(() => window.__logins.map((login) => login.value)), ['jo.smith@example.org']);
    await page.close();
  });

  test('following a pupil warns first; following anyone else goes straight through', async () => {
    const page = await openX();
    await page.click('[data-testid="101-follow"]');
    await dialog(page).waitFor();
    const categories = await dialog(page).locator('li.finding').evaluateAll((items) => items.map((item) => item.dataset.category));
    assert.ok(categories.some((id) => id === 'pupil_contact' || id === 'pupil_reference'), categories.join());
    assert.deepEqual(await page.evaluate(() => window.__follows), []);
    assert.match(await dialog(page).locator('#pg-title').textContent(), /before you connect/);
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await page.click('[data-testid="102-follow"]');
    await until(page, () => window.__follows.length === 1);
    assert.deepEqual(await page.evaluate(() => window.__follows), ['samcarter']);
    await page.close();
  });

  test('"This warning is wrong" reports the rule, never the text', async () => {
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.click(X_POST);
    const finding = await shownFinding(page, 'pupil_reference');
    await finding.getByRole('button', { name: 'This warning is wrong' }).click();
    await finding.getByText('Thanks, IT will review this rule').waitFor();
    await page.keyboard.press('Escape');
    await page.close();
  });

  test('a category switched off in the popup no longer warns', async () => {
    const ask = async (text) => {
      const page = await openX();
      await typeInto(page, X_COMPOSER, text);
      await page.click(X_POST);
      // Either the post goes through or the dialog opens: report the categories it warned about.
      await until(page, () => window.__posts.length > 0 || [...document.querySelectorAll('postguard-ui')].some((host) => host.shadowRoot?.querySelector('[role="dialog"]')));
      const warned = await dialog(page).locator('li.finding').evaluateAll((items) => items.map((item) => item.dataset.category));
      await page.close();
      return warned;
    };
    assert.ok((await ask(SCHOOL_POST)).includes('school_reference'));
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await popup.waitForSelector('body[data-ready="true"]');
    const toggle = popup.locator('input[data-category="school_reference"]');
    assert.equal(await toggle.isChecked(), true);
    assert.equal(await toggle.isDisabled(), false);
    await toggle.uncheck();
    await popup.waitForFunction(() => !document.querySelector('input[data-category="school_reference"]').disabled);
    assert.equal(await toggle.isChecked(), false);
    assert.equal((await companion.request('GET', '/v1/settings')).body.categories.school_reference, false);
    assert.ok(!(await ask(SCHOOL_POST)).includes('school_reference'));
    await toggle.check();
    await popup.waitForFunction(() => !document.querySelector('input[data-category="school_reference"]').disabled);
    assert.equal((await companion.request('GET', '/v1/settings')).body.categories.school_reference, true);
    await popup.close();
  });

  test('an IT-locked category cannot be switched off', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await popup.waitForSelector('body[data-ready="true"]');
    const toggle = popup.locator('input[data-category="pupil_reference"]');
    assert.equal(await toggle.isDisabled(), true);
    assert.equal(await toggle.isChecked(), true);
    assert.match(await popup.locator('li[data-category="pupil_reference"] .lock').textContent(), /Locked/);
    if (screenshotsWanted()) {
      await popup.setViewportSize({ width: 392, height: 600 });
      await popup.screenshot({ path: docsPath('screenshot-popup.png'), fullPage: true });
    }
    // Even a message straight to the background is refused by the companion.
    const answer = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'setCategory', id: 'pupil_reference', enabled: false }));
    assert.equal(answer.ok, false);
    assert.match(answer.message, /locked/i);
    assert.equal((await companion.request('GET', '/v1/settings')).body.categories.pupil_reference, true);
    await popup.close();
  });

  test('pairing with the code `postguard pair` shows gives this browser its own secret', async () => {
    const code = await companion.pairingCode();
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await page.fill('#code', 'WRONG-CODE');
    await page.click('#pair-code button[type="submit"]');
    await page.getByText(/Not paired/).waitFor();
    await page.fill('#code', code);
    await page.click('#pair-code button[type="submit"]');
    await page.locator('#pair-result', { hasText: 'Paired.' }).waitFor();
    const secret = await browser.worker.evaluate(() => chrome.storage.local.get('token').then(({ token }) => token));
    assert.notEqual(secret, companion.token);
    assert.ok(secret.length >= 20);
    await page.close();
    // Posts are checked with the new secret.
    const x = await openX();
    await typeInto(x, X_COMPOSER, PUPIL_POST);
    await x.click(X_POST);
    await dialog(x).locator('li.finding[data-category="pupil_reference"]').waitFor();
    await x.close();
  });

  test('an impostor on the companion\'s port gets no token and no text; posting is not blocked', async () => {
    const impostor = await startFakeCompanion({ impostor: true });
    try {
      await browser.worker.evaluate((port) => chrome.storage.local.set({ companionPort: port }), impostor.port);
      const page = await openX();
      await typeInto(page, X_COMPOSER, PUPIL_POST);
      await page.click(X_POST);
      await until(page, () => window.__posts.length === 1);
      const notice = page.locator('postguard-ui .notice');
      await notice.waitFor();
      assert.match(await notice.textContent(), /could not prove it is your companion/);
      const seen = JSON.stringify(impostor.requests);
      assert.ok(!seen.includes('Oliver'), 'no post text reached the impostor');
      assert.ok(impostor.requests.every((r) => !r.headers.authorization), 'no token reached the impostor');
      assert.ok(impostor.requests.some((r) => r.url === '/v1/hello'), 'the impostor was challenged');
      await page.close();
    } finally {
      await browser.worker.evaluate((port) => chrome.storage.local.set({ companionPort: port }), companion.port);
      await impostor.close();
    }
  });

  test('a wrong token does not block posting; the badge shows "!" until the token is back', async () => {
    const badge = () => browser.worker.evaluate(() => chrome.action.getBadgeText({}));
    const badgeBecomes = (want) => browser.worker.evaluate(async (text) => {
      for (let i = 0; i < 100 && (await chrome.action.getBadgeText({})) !== text; i += 1) await new Promise((r) => setTimeout(r, 50));
    }, want);
    await browser.worker.evaluate(() => chrome.storage.local.set({ token: 'not-the-token' }));
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.click(X_POST);
    await until(page, () => window.__posts.length === 1);
    const notice = page.locator('postguard-ui .notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), /not paired/);
    await badgeBecomes('!');
    assert.equal(await badge(), '!');
    assert.match(await browser.worker.evaluate(() => chrome.action.getTitle({})), /could not prove/);
    await browser.worker.evaluate((token) => chrome.storage.local.set({ token }), companion.token);
    await badgeBecomes('');
    assert.equal(await badge(), '');
    await page.close();
  });

  test('a stopped companion does not block posting, and the badge and a notice say so', async () => {
    await companion.stop();
    const page = await openX();
    await typeInto(page, X_COMPOSER, PUPIL_POST);
    await page.click(X_POST);
    await until(page, () => window.__posts.length === 1);
    assert.deepEqual(await posts(page), [PUPIL_POST]);
    const notice = page.locator('postguard-ui .notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), /not running/);
    await browser.worker.evaluate(async () => {
      for (let i = 0; i < 100 && (await chrome.action.getBadgeText({})) !== 'off'; i += 1) await new Promise((r) => setTimeout(r, 50));
    });
    assert.equal(await browser.worker.evaluate(() => chrome.action.getBadgeText({})), 'off');
    await page.close();
  });
});
