// Debounce: runs a function once, `wait` ms after the last of a burst of calls.

/** Returns a debounced `fn` with `.cancel()` and `.flush()`; `timers` is injectable for tests. */
export function debounce(fn, wait, timers = globalThis) {
  let handle = null;
  let lastArgs = null;
  const run = () => {
    handle = null;
    const args = lastArgs;
    lastArgs = null;
    return fn(...args);
  };
  const debounced = (...args) => {
    lastArgs = args;
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(run, wait);
  };
  debounced.cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    lastArgs = null;
  };
  debounced.flush = () => {
    if (handle === null) return undefined;
    timers.clearTimeout(handle);
    return run();
  };
  debounced.pending = () => handle !== null;
  return debounced;
}
