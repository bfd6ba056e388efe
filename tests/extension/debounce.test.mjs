// Unit: the debounce behind as-you-type checks runs once after the last of a burst, never per call.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { debounce } from '../../extension/src/shared/debounce.js';
import { TYPING_DELAY_MS } from '../../extension/src/content/typing.js';

test('a burst of calls runs once, with the last arguments, after the wait', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls = [];
  const run = debounce((text) => calls.push(text), 600);
  for (const text of ['W', 'We', 'Wel', 'Well']) {
    run(text);
    t.mock.timers.tick(200);
  }
  assert.deepEqual(calls, []);
  t.mock.timers.tick(399);
  assert.deepEqual(calls, []);
  t.mock.timers.tick(1);
  assert.deepEqual(calls, ['Well']);
  t.mock.timers.tick(5000);
  assert.deepEqual(calls, ['Well']);
});

test('separate pauses run separately; cancel and flush', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls = [];
  const run = debounce((n) => calls.push(n), 100);
  run(1);
  t.mock.timers.tick(100);
  run(2);
  t.mock.timers.tick(100);
  assert.deepEqual(calls, [1, 2]);
  run(3);
  run.cancel();
  t.mock.timers.tick(500);
  assert.deepEqual(calls, [1, 2]);
  run(4);
  assert.equal(run.pending(), true);
  run.flush();
  assert.deepEqual(calls, [1, 2, 4]);
  assert.equal(run.pending(), false);
});

test('as-you-type waits about 600 ms after the last input', () => {
  assert.ok(TYPING_DELAY_MS >= 400 && TYPING_DELAY_MS <= 1000);
});
