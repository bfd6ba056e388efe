// Benchmark (not a test): the delay PostGuard's interception adds to a clean post's submit, in the e2e setup.
// Run: node tests/bench/interception.mjs [iterations]   (prints p50/p95; target p95 <= 150 ms)

import { buildFixtures, launchBrowser, pairThroughOptions, startCompanion } from '../e2e/harness.mjs';
import { openTimedX, percentile } from './timing.mjs';

const ITERATIONS = Number(process.argv[2] ?? 60);
const WARMUP = 5;
const TARGET_P95_MS = 150;


const [fixtures, companion] = await Promise.all([buildFixtures(), startCompanion()]);
const browser = await launchBrowser({ fixtures });
try {
  await pairThroughOptions(browser.context, companion);
  const page = await openTimedX(browser.context);
  const delays = [];
  for (let i = 0; i < ITERATIONS + WARMUP; i += 1) {
    const text = `Clean post number ${i}: a lovely walk along the canal this morning`;
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.insertText(text);
    await page.waitForFunction((want) => document.querySelector('[data-testid="tweetTextarea_0"]').innerText.includes(want), text);
    await page.click('[data-testid="tweetButtonInline"]');
    await page.waitForFunction((n) => window.__posts.length === n, i + 1);
    const [clicked, posted] = await page.evaluate(() => [window.__clicks.at(-1), window.__posts.at(-1).at]);
    if (i >= WARMUP) delays.push(posted - clicked);
  }
  delays.sort((a, b) => a - b);
  const p50 = percentile(delays, 50);
  const p95 = percentile(delays, 95);
  console.log(`interception delay over ${delays.length} clean posts: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${delays.at(-1).toFixed(1)} ms (target p95 <= ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'MISSED'})`);
} finally {
  await browser.close();
  await companion.cleanup();
}
