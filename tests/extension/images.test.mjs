// Unit: image scaling maths, the 1 MiB request budget, the EXIF part of an original file, and the in-memory file store.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MAX_SIDE, ORIGINAL_BYTES, QUALITIES, REQUEST_BUDGET, REQUEST_LIMIT, bytesToDataUrl, exifPrefix, fitRequest, readOriginal,
  readableUrl, requestBytes, scaledSize, sourceOf,
} from '../../extension/src/content/images.js';
import { createFileStore, installFileCapture, matchFiles } from '../../extension/src/content/files.js';
import { domOf } from './dom.mjs';

describe('scaledSize', () => {
  test('a 12-megapixel photo becomes 1024 px on its long side, keeping its shape', () => {
    assert.deepEqual(scaledSize(4000, 3000), { width: 1024, height: 768 });
    assert.deepEqual(scaledSize(3000, 4000), { width: 768, height: 1024 });
    assert.deepEqual(scaledSize(4032, 3024), { width: 1024, height: 768 });
    assert.deepEqual(scaledSize(6000, 6000), { width: 1024, height: 1024 });
  });

  test('small pictures are never enlarged', () => {
    assert.deepEqual(scaledSize(800, 600), { width: 800, height: 600 });
    assert.deepEqual(scaledSize(1024, 100), { width: 1024, height: 100 });
    assert.deepEqual(scaledSize(1, 1), { width: 1, height: 1 });
  });

  test('a very thin picture keeps at least one pixel; no size gives null', () => {
    assert.deepEqual(scaledSize(100000, 10), { width: 1024, height: 1 });
    assert.equal(scaledSize(0, 100), null);
    assert.equal(scaledSize(NaN, 100), null);
    assert.equal(scaledSize(undefined, undefined), null);
  });

  test('over many sizes the long side is exactly the limit and the aspect ratio is kept within a pixel', () => {
    for (let w = 1025; w < 9000; w += 397) {
      for (let h = 50; h < 9000; h += 613) {
        const { width, height } = scaledSize(w, h);
        assert.equal(Math.max(width, height), Math.min(MAX_SIDE, Math.max(w, h)), `${w}×${h}`);
        const exact = (Math.min(w, h) * Math.min(1, MAX_SIDE / Math.max(w, h)));
        assert.ok(Math.abs(Math.min(width, height) - exact) <= 1, `${w}×${h} → ${width}×${height}`);
      }
    }
    assert.deepEqual(scaledSize(2000, 1000, 512), { width: 512, height: 256 });
  });
});

describe('which pictures may be read', () => {
  const origin = 'https://x.com';
  test("the page's own blob: URLs, data: images and same-origin pictures", () => {
    assert.equal(readableUrl('blob:https://x.com/0b4e7c1a-2f3d-4e5f-8a9b-1c2d3e4f5a6b', origin), true);
    assert.equal(readableUrl('data:image/jpeg;base64,AAAA', origin), true);
    assert.equal(readableUrl('data:image/png;base64,AAAA', origin), true);
    assert.equal(readableUrl('https://x.com/media/photo.jpg', origin), true);
    assert.equal(readableUrl('/media/photo.jpg', origin), true);
  });

  test('never a remote URL, another origin\'s blob, SVG or a script', () => {
    assert.equal(readableUrl('https://pbs.twimg.com/media/photo.jpg', origin), false);
    assert.equal(readableUrl('blob:https://evil.example/1234', origin), false);
    assert.equal(readableUrl('data:image/svg+xml;base64,AAAA', origin), false);
    assert.equal(readableUrl('data:text/html;base64,AAAA', origin), false);
    assert.equal(readableUrl('javascript:alert(1)', origin), false);
    assert.equal(readableUrl('', origin), false);
    assert.equal(readableUrl(undefined, origin), false);
  });

  test('where a preview element\'s picture comes from', () => {
    const { document } = domOf(`
      <img id="a" src="blob:https://x.com/1">
      <video id="b" poster="blob:https://x.com/2" src="blob:https://x.com/3"></video>
      <video id="c" src="blob:https://x.com/4"></video>
      <div id="d" style="background-image: url(&quot;blob:https://x.com/5&quot;)"></div>
      <div id="e"></div>`, 'https://x.com/home');
    const of = (id) => {
      const source = sourceOf(document.getElementById(id));
      return source && [source.kind, source.url];
    };
    assert.deepEqual(of('a'), ['img', 'blob:https://x.com/1']);
    assert.deepEqual(of('b'), ['poster', 'blob:https://x.com/2']);
    assert.deepEqual(of('c'), ['frame', 'blob:https://x.com/4']);
    assert.deepEqual(of('d'), ['background', 'blob:https://x.com/5']);
    assert.equal(of('e'), null);
  });
});

describe('the 1 MiB request budget', () => {
  const dataOf = (chars) => `data:image/jpeg;base64,${'A'.repeat(chars)}`;
  // An encoder whose output shrinks with quality, as a JPEG's does; counts its calls.
  const encoder = (full) => {
    const encode = async (quality) => {
      encode.calls.push(quality);
      return dataOf(Math.round(full * quality));
    };
    encode.calls = [];
    return encode;
  };
  const base = (attachments, extra = {}) => ({ site: 'x.com', context: 'post', text: 'Sunday walk', attachments, ...extra });

  test('the defaults leave room under the companion\'s limit', () => {
    assert.equal(REQUEST_LIMIT, 1024 * 1024);
    assert.ok(REQUEST_BUDGET < REQUEST_LIMIT && REQUEST_BUDGET > REQUEST_LIMIT - 16 * 1024);
    assert.equal(QUALITIES[0], 0.8);
  });

  test('a request that fits is sent at quality 0.8 with every original', async () => {
    const images = [0, 1].map((index) => ({ index, encode: encoder(1000) }));
    const request = base([{ type: 'image', name: 'a.jpg', original: dataOf(300) }, { type: 'image', name: 'b.jpg' }]);
    const report = await fitRequest(request, images, { budget: 10_000 });
    assert.equal(report.quality, 0.8);
    assert.deepEqual([report.droppedOriginals, report.droppedData, report.droppedHtml], [0, 0, false]);
    assert.equal(request.attachments[0].data.length, dataOf(800).length);
    assert.equal(request.attachments[0].original, dataOf(300));
    assert.deepEqual(images[0].encode.calls, [0.8]);
    assert.equal(report.bytes, requestBytes(request));
  });

  test('over budget, the quality is lowered step by step before anything is dropped', async () => {
    const images = [0, 1].map((index) => ({ index, encode: encoder(5000) }));
    const request = base([{ type: 'image', name: 'a.jpg', original: dataOf(500) }, { type: 'image', name: 'b.jpg' }]);
    const report = await fitRequest(request, images, { budget: 6_000 });
    assert.equal(report.quality, 0.5); // 2 × 4000 and 2 × 3250 are over, 2 × 2500 + 500 fits
    assert.equal(report.droppedOriginals, 0);
    assert.deepEqual(images[1].encode.calls, [0.8, 0.65, 0.5]);
    assert.ok(report.bytes <= 6_000);
  });

  test('then the originals go, the last first', async () => {
    const images = [0, 1].map((index) => ({ index, encode: encoder(2000) }));
    const request = base([
      { type: 'image', name: 'a.jpg', original: dataOf(1500) },
      { type: 'image', name: 'b.jpg', original: dataOf(1500) },
    ]);
    const report = await fitRequest(request, images, { budget: 3_400 });
    assert.equal(report.quality, 0.35);
    assert.equal(report.droppedOriginals, 1);
    assert.ok(request.attachments[0].original, 'the first photo keeps its original');
    assert.equal(request.attachments[1].original, undefined);
    assert.ok(requestBytes(request) <= 3_400);
  });

  test('then the pictures themselves, the last first; names and types stay', async () => {
    const images = [0, 1, 2].map((index) => ({ index, encode: encoder(6000) }));
    const request = base([{ type: 'image', name: 'a.jpg' }, { type: 'image', name: 'b.jpg' }, { type: 'video', name: 'c.mp4' }]);
    const report = await fitRequest(request, images, { budget: 3_000 });
    assert.equal(report.droppedData, 2);
    assert.ok(request.attachments[0].data);
    assert.deepEqual(request.attachments.slice(1), [{ type: 'image', name: 'b.jpg' }, { type: 'video', name: 'c.mp4' }]);
    assert.ok(requestBytes(request) <= 3_000);
  });

  test('a huge composer HTML goes last, keeping the text', async () => {
    const request = base([{ type: 'image', name: 'a.jpg', original: dataOf(100) }], { html: `<p>${'x'.repeat(20_000)}</p>` });
    const report = await fitRequest(request, [{ index: 0, encode: encoder(1000) }], { budget: 5_000 });
    assert.equal(report.droppedHtml, true);
    assert.equal(request.html, undefined);
    assert.equal(request.text, 'Sunday walk');
    assert.equal(report.droppedOriginals, 1);
    assert.equal(report.droppedData, 1);
  });

  test('sizes count UTF-8 bytes, as the body is sent', async () => {
    const request = base([], { text: 'é'.repeat(1000) });
    assert.equal(requestBytes(request), requestBytes({ ...request, text: '' }) + 2000);
    const report = await fitRequest(request, [], { budget: 10_000 });
    assert.equal(report.quality, null);
    assert.equal(report.bytes, requestBytes(request));
  });

  test('four 12 MP photos as a real encoder would give them fit within the default budget', async () => {
    // ~200 KB JPEGs at 0.8 (264,000 base64 characters), 60 KiB EXIF parts: over the limit until the quality drops.
    const images = [0, 1, 2, 3].map((index) => ({ index, encode: encoder(330_000) }));
    const request = base([0, 1, 2, 3].map((i) => ({ type: 'image', name: `${i}.jpg`, original: dataOf(80_000) })));
    const report = await fitRequest(request, images);
    assert.ok(report.bytes <= REQUEST_BUDGET);
    assert.equal(report.quality, 0.5);
    assert.equal(report.droppedOriginals, 0);
  });
});

// A JPEG's first bytes: SOI, APP0 (JFIF), APP1 (Exif), DQT, SOS and then "pixels".
const segment = (marker, payload) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
const ascii = (text) => [...text].map((c) => c.charCodeAt(0));
function jpegBytes({ exif = true, pixels = 200_000 } = {}) {
  const head = [
    0xff, 0xd8,
    ...segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...(exif ? segment(0xe1, [...ascii('Exif\0\0'), ...ascii('MM\0*'), ...new Array(3000).fill(7)]) : []),
    ...segment(0xdb, [0, ...new Array(64).fill(1)]),
    ...segment(0xda, [1, 1, 0, 0, 63, 0]),
  ];
  const bytes = new Uint8Array(head.length + pixels);
  bytes.set(head);
  bytes.fill(0x55, head.length);
  const exifEnd = exif ? 2 + 18 + 3014 : null; // SOI, APP0 (4 + 14), APP1 (4 + 3010)
  return { bytes, exifEnd };
}

describe('the EXIF part of an original file', () => {
  test('a JPEG is cut right after its EXIF segment: no pixels are sent', () => {
    const { bytes, exifEnd } = jpegBytes();
    const part = exifPrefix(bytes);
    assert.equal(part.length, exifEnd);
    assert.deepEqual([...part.subarray(0, 2)], [0xff, 0xd8]);
    assert.ok(!part.includes(0x55));
  });

  test('a JPEG without EXIF sends nothing; other types are sent as read', () => {
    assert.equal(exifPrefix(jpegBytes({ exif: false }).bytes), null);
    assert.equal(exifPrefix(new Uint8Array([0xff, 0xd8, 0x12, 0x34, 0, 0])), null); // not a marker: garbage
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    assert.equal(exifPrefix(png), png);
  });

  test('readOriginal reads at most the first 128 KiB of the file, in memory', async () => {
    const { bytes, exifEnd } = jpegBytes({ pixels: 5_000_000 });
    let sliced = null;
    const file = new File([bytes], 'IMG_0001.jpg', { type: 'image/jpeg' });
    const spy = { type: file.type, name: file.name, slice: (...args) => { sliced = args; return file.slice(...args); } };
    const url = await readOriginal(spy);
    assert.deepEqual(sliced, [0, ORIGINAL_BYTES]);
    assert.ok(url === bytesToDataUrl(bytes.subarray(0, exifEnd), 'image/jpeg'), 'the data URL of the bytes up to the end of EXIF');
    assert.match(url.slice(0, 40), /^data:image\/jpeg;base64,\/9j\//);
    const sent = Buffer.from(url.split(',')[1], 'base64');
    assert.equal(sent.length, exifEnd);
    assert.ok(sent.equals(Buffer.from(bytes.subarray(0, exifEnd))));
  });

  test('a PNG sends its first 128 KiB; GIFs and videos send nothing', async () => {
    const png = new File([new Uint8Array(300_000).fill(1)], 'a.png', { type: 'image/png' });
    const url = await readOriginal(png);
    assert.equal(Buffer.from(url.split(',')[1], 'base64').length, ORIGINAL_BYTES);
    assert.equal(await readOriginal(new File(['GIF89a'], 'a.gif', { type: 'image/gif' })), '');
    assert.equal(await readOriginal(new File(['....'], 'a.mp4', { type: 'video/mp4' })), '');
  });
});

describe('files picked for a post', () => {
  test('previews are paired with files by name, then in the order picked, from the end', () => {
    assert.deepEqual(matchFiles(['', ''], ['a.jpg', 'b.jpg']), [0, 1]);
    assert.deepEqual(matchFiles(['b.jpg', ''], ['a.jpg', 'b.jpg']), [1, 0]);
    // Three picked, the first removed in the composer: the two previews are the last two files.
    assert.deepEqual(matchFiles(['', ''], ['a.jpg', 'b.jpg', 'c.jpg']), [1, 2]);
    // A preview PostGuard saw no file for (e.g. from a file input outside the page): the newest file goes last.
    assert.deepEqual(matchFiles(['', ''], ['b.jpg']), [-1, 0]);
    assert.deepEqual(matchFiles([], ['a.jpg']), []);
    assert.deepEqual(matchFiles(['Sports day'], []), [-1]);
  });

  test('the store keeps image and video files only, at most 20, and forgets them all at once', async () => {
    const reads = [];
    const store = createFileStore({ read: async (file) => { reads.push(file.name); return `data:${file.type};base64,AA`; } });
    store.add([new File(['x'], 'a.jpg', { type: 'image/jpeg' }), new File(['x'], 'notes.pdf', { type: 'application/pdf' }), new File(['x'], 'c.mp4', { type: 'video/mp4' })]);
    assert.equal(store.size, 2);
    assert.deepEqual(store.match(['', '']).map((file) => file?.name ?? null), [null, 'a.jpg'], 'names alone are photos');
    const [first, second] = store.match([{ name: '', kind: 'image' }, { name: '', kind: 'video' }]);
    assert.equal(first.name, 'a.jpg');
    assert.equal(await first.original, 'data:image/jpeg;base64,AA');
    assert.equal(second.name, 'c.mp4');
    store.add(Array.from({ length: 25 }, (_, i) => new File(['x'], `${i}.jpg`, { type: 'image/jpeg' })));
    assert.equal(store.size, 20);
    store.forget();
    assert.equal(store.size, 0);
    assert.deepEqual(store.match(['']), [null]);
  });

  test('photos are scaled in advance when picked: the newest four keep theirs; forgetting closes them', async () => {
    const closed = [];
    const prepare = async (file) => ({ natural: { width: 4000, height: 3000 }, bitmap: { width: 1024, height: 768, close: () => closed.push(file.name) } });
    const store = createFileStore({ read: async () => '', prepare });
    store.add([new File(['x'], 'clip.mp4', { type: 'video/mp4' }), ...[1, 2, 3, 4, 5, 6].map((i) => new File(['x'], `${i}.jpg`, { type: 'image/jpeg' }))]);
    const picked = store.match(Array.from({ length: 6 }, () => ''));
    assert.deepEqual(picked.map((file) => Boolean(file.prepared)), [false, false, true, true, true, true]);
    assert.equal(store.match([{ name: '', kind: 'video' }])[0].prepared, null, 'videos are not prepared');
    assert.equal((await picked[5].prepared).bitmap.width, 1024);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed.sort(), ['1.jpg', '2.jpg'], 'the older bitmaps were released');
    store.forget();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed.sort(), ['1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.jpg', '6.jpg']);
  });

  test('a failing read gives no original instead of an error', async () => {
    const store = createFileStore({ read: async () => { throw new Error('unreadable'); } });
    store.add([new File(['x'], 'a.jpg', { type: 'image/jpeg' })]);
    assert.equal(await store.match([''])[0].original, '');
  });

  test('files chosen in a file input, dropped or pasted are captured; leaving the page forgets them', async () => {
    const window = domOf('<input type="file" id="pick" multiple><div id="composer"></div><aside id="elsewhere"></aside>', 'https://x.com/home');
    const { document } = window;
    const store = createFileStore({ read: async () => '' });
    installFileCapture({ doc: document, win: window, store, onComposer: (target) => target.id === 'composer' });
    const input = document.getElementById('pick');
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'a.jpg', { type: 'image/jpeg' })] });
    input.dispatchEvent(new window.Event('change', { bubbles: true }));
    assert.equal(store.size, 1);
    const drop = new window.Event('drop', { bubbles: true });
    drop.dataTransfer = { files: [new File(['x'], 'b.png', { type: 'image/png' })] };
    document.getElementById('composer').dispatchEvent(drop);
    const paste = new window.Event('paste', { bubbles: true });
    paste.clipboardData = { files: [new File(['x'], 'c.jpg', { type: 'image/jpeg' })] };
    document.getElementById('composer').dispatchEvent(paste);
    assert.deepEqual(store.match(['', '', '']).map((file) => file.name), ['a.jpg', 'b.png', 'c.jpg']);
    const away = new window.Event('drop', { bubbles: true });
    away.dataTransfer = { files: [new File(['x'], 'd.jpg', { type: 'image/jpeg' })] };
    document.getElementById('elsewhere').dispatchEvent(away);
    assert.equal(store.size, 3, 'a drop away from the composers is not a post\'s photo');
    window.dispatchEvent(new window.Event('pagehide'));
    assert.equal(store.size, 0);
  });

  test('an in-page navigation forgets the files once no preview is left', async () => {
    const window = domOf('<input type="file" id="pick">', 'https://x.com/compose/post');
    const store = createFileStore({ read: async () => '' });
    let previews = true;
    installFileCapture({ doc: window.document, win: window, store, hasPreviews: () => previews, settleMs: 5 });
    store.add([new File(['x'], 'a.jpg', { type: 'image/jpeg' })]);
    window.dispatchEvent(new window.PopStateEvent('popstate'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(store.size, 1, 'the composer (and its preview) survived the navigation');
    previews = false;
    window.dispatchEvent(new window.PopStateEvent('popstate'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(store.size, 0);
  });
});
