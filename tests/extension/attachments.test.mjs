// Unit: adapters find attachment previews and message recipients on saved HTML; a submit's request carries the picked files.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import x from '../../extension/src/sites/x.js';
import facebook from '../../extension/src/sites/facebook.js';
import linkedin from '../../extension/src/sites/linkedin.js';
import instagram from '../../extension/src/sites/instagram.js';
import { generic } from '../../extension/src/sites/index.js';
import { attachmentElements, attachmentsIn, composerFor, nearComposer, submitFor } from '../../extension/src/content/locate.js';
import { postRequest, withImages } from '../../extension/src/content/request.js';
import { sourceOf } from '../../extension/src/content/images.js';
import { createFileStore } from '../../extension/src/content/files.js';
import { installInterception } from '../../extension/src/content/intercept.js';
import { createOverlay } from '../../extension/src/content/overlay.js';
import { loadFixture } from './dom.mjs';

const urls = (elements) => elements.map((el) => sourceOf(el)?.url);
const post = (adapter, document, button, path = '/') => {
  const hit = submitFor(adapter, button, path);
  assert.ok(hit, 'the submit button is found');
  return hit;
};
const requestFor = (adapter, document, hit, site) => postRequest({
  adapter, doc: document, site, context: hit.context, composers: hit.composers, scope: hit.scope, surface: hit.surface,
}).request;

describe('attachment previews on saved HTML', () => {
  test('X: each photo once (X shows it as a background and an <img>) and the video, in order', () => {
    const { document } = loadFixture('x-media.html', 'https://x.com/compose/post');
    const hit = post(x, document, document.querySelector('[data-testid="tweetButton"] span'), '/compose/post');
    assert.deepEqual(urls(attachmentElements(x, hit.scope)), [
      'blob:https://x.com/0b4e7c1a-2f3d-4e5f-8a9b-1c2d3e4f5a6b',
      'blob:https://x.com/7d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
      'blob:https://x.com/99aa88bb-7766-5544-3322-110099887766', // the video's poster frame
    ]);
    assert.deepEqual(attachmentsIn(x, hit.scope).map((a) => a.type), ['image', 'image', 'video']);
    assert.deepEqual(requestFor(x, document, hit, 'x.com').attachments.length, 3);
  });

  test('Facebook: the photo and the video poster in the Create post dialog, not the profile picture', () => {
    const { document } = loadFixture('facebook-media.html', 'https://www.facebook.com/');
    const hit = post(facebook, document, document.querySelector('[aria-label="Post"] span'));
    assert.equal(hit.context, 'post');
    assert.deepEqual(urls(attachmentElements(facebook, hit.scope)), [
      'blob:https://www.facebook.com/4c1b9f2e-8d7a-4e6b-9c3d-2a1b0c9d8e7f',
      'blob:https://www.facebook.com/a1b2c3d4-0000-1111-2222-333344445555',
    ]);
    assert.deepEqual(attachmentsIn(facebook, hit.scope), [{ type: 'image', name: 'image' }, { type: 'video', name: 'image' }]);
  });

  test('Instagram: the photo shown as a background-image, not the profile picture', () => {
    const { document } = loadFixture('instagram-media.html', 'https://www.instagram.com/');
    const hit = post(instagram, document, document.querySelector('[role="dialog"] [role="button"]'));
    assert.deepEqual(urls(attachmentElements(instagram, hit.scope)), ['blob:https://www.instagram.com/3f2e1d0c-aaaa-bbbb-cccc-ddddeeeeffff']);
  });

  test('LinkedIn: the share box preview after the media editor, not the avatar', () => {
    const { document } = loadFixture('linkedin-media.html', 'https://www.linkedin.com/feed/');
    const hit = post(linkedin, document, document.querySelector('.share-actions__primary-action span'), '/feed/');
    assert.deepEqual(urls(attachmentElements(linkedin, hit.scope)), ['blob:https://www.linkedin.com/6e5d4c3b-1111-2222-3333-444455556666']);
  });

  test('a drop on a compose box (the editor, its previews, a DM box) counts; one on the page itself does not', () => {
    const { document } = loadFixture('x-media.html', 'https://x.com/compose/post');
    assert.equal(nearComposer(x, document.querySelector('[data-testid="tweetTextarea_0"] [data-text]')), true);
    assert.equal(nearComposer(x, document.querySelector('[data-testid="attachments"] img')), true);
    assert.equal(nearComposer(x, document.querySelector('[data-testid="messageEntry"]')), true, 'the DM box is a composer too');
    assert.equal(nearComposer(x, document.body), false);
    assert.equal(nearComposer(generic, document.querySelector('img')), false);
  });

  test('the generic adapter lists no attachments', () => {
    const { document } = loadFixture('x-media.html', 'https://example.org/');
    assert.deepEqual(attachmentElements(generic, document.body), []);
  });
});

describe('message boxes name the person written to', () => {
  const cases = [
    ['X', x, 'x-media.html', 'https://x.com/messages/1-2', '[data-testid="dmComposerTextInput"] [data-text]', 'x.com'],
    ['Facebook', facebook, 'facebook-media.html', 'https://www.facebook.com/', '[aria-label="Message"] span', 'www.facebook.com'],
    ['Instagram', instagram, 'instagram-media.html', 'https://www.instagram.com/direct/t/1/', '[aria-label="Message"] p', 'www.instagram.com'],
    ['LinkedIn', linkedin, 'linkedin-media.html', 'https://www.linkedin.com/feed/', '.msg-form__contenteditable p', 'www.linkedin.com'],
  ];
  for (const [name, adapter, fixture, url, inside, site] of cases) {
    test(`${name}: recipient.name from the conversation's header`, () => {
      const { document } = loadFixture(fixture, url);
      const found = composerFor(adapter, document.querySelector(inside), new URL(url).pathname);
      assert.equal(found.context, 'message');
      const request = requestFor(adapter, document, found, site);
      assert.deepEqual(request.recipient, { name: 'Oliver Bennett' });
    });
  }

  test('a post is not a message: no recipient', () => {
    const { document } = loadFixture('x-media.html', 'https://x.com/compose/post');
    const hit = post(x, document, document.querySelector('[data-testid="tweetButton"]'), '/compose/post');
    assert.equal(requestFor(x, document, hit, 'x.com').recipient, undefined);
  });
});

const jpegFile = (name) => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 8, 0x45, 0x78, 0x69, 0x66, 0, 0, 0xff, 0xda])], name, { type: 'image/jpeg' });

describe('a submit carries the picked files', () => {
  test('names, types and each photo\'s EXIF part go with the previews they belong to', async () => {
    const window = loadFixture('x-media.html', 'https://x.com/compose/post');
    const { document } = window;
    const hit = post(x, document, document.querySelector('[data-testid="tweetButton"]'), '/compose/post');
    const files = createFileStore();
    files.add([jpegFile('old.jpg'), jpegFile('IMG_1.jpg'), jpegFile('IMG_2.jpg'), new File(['....'], 'clip.mp4', { type: 'video/mp4' })]);
    const built = requestFor(x, document, hit, 'x.com');
    const { request, report } = await withImages(built, { adapter: x, scope: hit.scope, files, doc: document, win: window });
    assert.deepEqual(request.attachments.map((a) => [a.type, a.name]), [['image', 'IMG_1.jpg'], ['image', 'IMG_2.jpg'], ['video', 'clip.mp4']]);
    // jsdom cannot draw, so only the originals' EXIF parts are there; a video has none.
    assert.match(request.attachments[0].original, /^data:image\/jpeg;base64,\/9j\/4QAIRXhpZgAA$/);
    assert.ok(request.attachments[1].original);
    assert.equal(request.attachments[2].original, undefined);
    assert.ok(report.bytes < 1024 * 1024);
    assert.equal(built.attachments.length, 3, 'the typing-time request is not changed');
    assert.equal(built.attachments[0].original, undefined);
  });

  test('no previews: the request is left as it is', async () => {
    const window = loadFixture('x-home.html', 'https://x.com/home');
    const request = { text: 'hi', attachments: [] };
    const result = await withImages(request, { adapter: x, scope: window.document.querySelector('[data-testid="tweet"]'), files: createFileStore(), doc: window.document, win: window });
    assert.equal(result.request, request);
  });
});

describe('interception with pictures', () => {
  function setup({ files, imageTimeoutMs }) {
    const window = loadFixture('x-media.html', 'https://x.com/compose/post');
    const { document } = window;
    const button = document.querySelector('[data-testid="tweetButton"]');
    const posts = [];
    button.addEventListener('click', () => posts.push('click'));
    const requests = [];
    const answers = [];
    const check = async (request) => {
      requests.push(request);
      return answers.shift() ?? { ok: true, result: { findings: [] } };
    };
    const overlay = createOverlay(document);
    installInterception({
      doc: document, win: window, adapter: x, generic, check, feedback: async () => true, overlay, notice: { show() {} },
      highlighter: { set() {}, clear() {} }, site: 'x.com', files, imageTimeoutMs,
    });
    const settle = async (ms = 0) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
    };
    return { window, document, button, posts, requests, answers, overlay, settle };
  }

  test('the submit check carries the originals; the files are forgotten once the post goes', async () => {
    const files = createFileStore();
    files.add([jpegFile('a.jpg'), jpegFile('b.jpg')]);
    const t = setup({ files });
    t.button.click();
    await t.settle(20);
    assert.deepEqual(t.posts, ['click']);
    assert.equal(t.requests[0].trigger, 'submit');
    assert.deepEqual(t.requests[0].attachments.map((a) => a.name), ['a.jpg', 'b.jpg', 'Embedded video']);
    assert.ok(t.requests[0].attachments[0].original);
    assert.equal(files.size, 0);
  });

  test('a held post keeps the files for its next submit (Edit post), and Post anyway forgets them', async () => {
    const files = createFileStore();
    files.add([jpegFile('a.jpg')]);
    const t = setup({ files });
    t.answers.push({ ok: true, result: { findings: [{ category: 'pupil_image', rule: 'image-location-school', severity: 'high', message: 'This photo was taken at school.', clause: '…', spans: [] }] } });
    t.button.click();
    await t.settle(20);
    assert.ok(t.overlay.isOpen());
    assert.equal(files.size, 1);
    [...t.overlay.host().shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Post anyway').click();
    assert.deepEqual(t.posts, ['click']);
    assert.equal(files.size, 0);
  });

  test('pictures still being drawn at the time limit go without pixels, but their EXIF still goes', async () => {
    const original = 'data:image/jpeg;base64,/9j/4QAIRXhpZgAA';
    const drawing = { match: (names) => names.map(() => ({ name: 'school.jpg', type: 'image/jpeg', original: Promise.resolve(original), prepared: new Promise(() => {}) })), forget() {} };
    const t = setup({ files: drawing, imageTimeoutMs: 30 });
    t.button.click();
    await t.settle(80);
    assert.equal(t.requests.length, 1);
    assert.deepEqual(t.requests[0].attachments.map((a) => [a.name, a.original, a.data]), [
      ['school.jpg', original, undefined], ['school.jpg', original, undefined], ['school.jpg', original, undefined],
    ]);
  });

  test('pictures and originals that take too long are left out: the post is checked by its words and file names', async () => {
    const stuck = { match: (names) => names.map(() => ({ name: 'slow.jpg', type: 'image/jpeg', original: new Promise(() => {}) })), forget() {} };
    const t = setup({ files: stuck, imageTimeoutMs: 30 });
    t.button.click();
    await t.settle(80);
    assert.deepEqual(t.posts, ['click']);
    assert.deepEqual(t.requests[0].attachments, [{ type: 'image', name: 'slow.jpg' }, { type: 'image', name: 'slow.jpg' }, { type: 'video', name: 'slow.jpg' }]);
  });
});
