// What both submit benchmarks share: percentiles, and an X page whose clicks on Post are timed.

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

// The X fixture page with PostGuard active, recording in window.__clicks when each trusted click on
// Post starts (a window capture listener runs before PostGuard's document listener); the fixture
// records in window.__posts when the site's own submit handler runs.
export async function openTimedX(context) {
  const page = await context.newPage();
  await page.goto('https://x.com/home');
  await page.waitForSelector('html[data-postguard-active]');
  await page.evaluate(() => {
    window.__clicks = [];
    window.addEventListener('click', (event) => {
      if (event.isTrusted && event.target.closest('[data-testid="tweetButtonInline"]')) window.__clicks.push(performance.now());
    }, true);
  });
  return page;
}
