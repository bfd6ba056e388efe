// Benchmark (not a test): what one 12-megapixel photo adds to a post's submit, in the e2e setup
// (real Chromium, real companion with postguard[images]).
// Run: node tests/bench/images.mjs [iterations]
//
// Prints p50/p95 of:
//  - submit delay (page click → the site's submit handler) for a clean post with no photo, and with
//    one 4000×3000 JPEG attached through the file input, posted 1.5 s after attaching (the teacher
//    looks at the preview; PostGuard has scaled the picked file meanwhile) and posted the moment the
//    preview appears (the worst case: the submit waits for the decode). The difference to no photo is
//    what the photo adds (scaling, encoding, the larger request, the companion's image analysis);
//  - the in-page part alone when the preview itself must be read (no file seen): the same
//    scaledImage() + encode(0.8) the content script runs.

import fs from 'node:fs';
import { buildFixtures, launchBrowser, makePhotos, pairThroughOptions, startCompanion, EXTENSION_ID } from '../e2e/harness.mjs';
import { openTimedX, percentile } from './timing.mjs';

const ITERATIONS = Number(process.argv[2] ?? 20);
const WARMUP = 3;

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
};

const [fixtures, companion, photos] = await Promise.all([
  buildFixtures(), startCompanion(), makePhotos({ big: { width: 4000, height: 3000, grain: true } }),
]);
const browser = await launchBrowser({ fixtures });
try {
  await pairThroughOptions(browser.context, companion);
  const page = await openTimedX(browser.context);

  async function submitOnce(i, withPhoto, pauseMs = 0) {
    const text = `Clean post number ${i}: a lovely walk along the canal this morning`;
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.insertText(text);
    await page.waitForFunction((want) => document.querySelector('[data-testid="tweetTextarea_0"]').innerText.includes(want), text);
    if (withPhoto) {
      await page.setInputFiles('[data-testid="fileInput"]', photos.big);
      await page.waitForFunction(() => document.querySelector('[data-testid="attachments"] img')?.complete);
      if (pauseMs) await page.waitForTimeout(pauseMs);
    }
    const before = await page.evaluate(() => window.__posts.length);
    await page.click('[data-testid="tweetButtonInline"]');
    await page.waitForFunction((n) => window.__posts.length === n, before + 1, { timeout: 20000 });
    const [clicked, posted] = await page.evaluate(() => [window.__clicks.at(-1), window.__posts.at(-1)]);
    if (withPhoto && posted.media.length !== 1) throw new Error('the photo was not posted with the text');
    return posted.at - clicked;
  }

  const plain = [];
  const photo = [];
  const hurried = [];
  for (let i = 0; i < ITERATIONS + WARMUP; i += 1) {
    const a = await submitOnce(i * 3, false);
    const b = await submitOnce(i * 3 + 1, true, 1500);
    const c = await submitOnce(i * 3 + 2, true);
    if (i >= WARMUP) {
      plain.push(a);
      photo.push(b);
      hurried.push(c);
    }
  }

  // The in-page part alone, with the extension's own module (web-accessible on the four sites).
  await page.setInputFiles('[data-testid="fileInput"]', photos.big);
  await page.waitForFunction(() => document.querySelector('[data-testid="attachments"] img')?.complete);
  const inPage = await page.evaluate(async ({ id, runs }) => {
    const { scaledImage } = await import(`chrome-extension://${id}/src/content/images.js`);
    const img = document.querySelector('[data-testid="attachments"] img');
    const times = [];
    let size = 0;
    for (let i = 0; i < runs; i += 1) {
      const start = performance.now();
      const image = await scaledImage(img, { doc: document, win: window });
      const data = await image.encode(0.8);
      times.push(performance.now() - start);
      size = data.length;
      if (image.width !== 1024 || image.height !== 768) throw new Error(`scaled to ${image.width}×${image.height}`);
    }
    return { times, size };
  }, { id: EXTENSION_ID, runs: ITERATIONS + WARMUP });

  const added = (values) => values.map((value, i) => value - plain[i]);
  console.log(`one 4000×3000 JPEG (${(fs.statSync(photos.big).size / 1e6).toFixed(1)} MB) on this machine, ${ITERATIONS} posts each:`);
  console.log(`  submit delay, no photo:                          ${summary(plain)}`);
  console.log(`  with the photo, posted 1.5 s after attaching:    ${summary(photo)}; added ${summary(added(photo))}`);
  console.log(`  with the photo, posted as soon as it is shown:   ${summary(hurried)}; added ${summary(added(hurried))}`);
  console.log(`  in-page decode + scale + encode of the preview:  ${summary(inPage.times.slice(WARMUP))} (data URL ${(inPage.size / 1024).toFixed(0)} KiB at quality 0.8)`);
} finally {
  await browser.close();
  await companion.cleanup();
  fs.rmSync(photos.dir, { recursive: true, force: true });
}
