// Images: the photos a composer shows, scaled in the page to ≤ 1024 px as JPEG, and kept within the companion's 1 MiB request limit.

/** The long side of the copy sent to the companion (the companion analyses faces at this size). */
export const MAX_SIDE = 1024;
/** JPEG qualities tried in turn while the request is over budget. */
export const QUALITIES = [0.8, 0.65, 0.5, 0.35];
/** The companion analyses the first four images of a post; more are listed without pixels. */
export const MAX_IMAGES = 4;
/** The companion refuses bodies over 1 MiB; keep some room for the fields added after the budget. */
export const REQUEST_LIMIT = 1024 * 1024;
export const REQUEST_BUDGET = REQUEST_LIMIT - 4 * 1024;
/** How much of an original file is read for its EXIF (JPEG keeps EXIF in its first 64 KiB). */
export const ORIGINAL_BYTES = 131072;
/** Original files whose first part can hold EXIF the companion reads. */
const ORIGINAL_TYPES = /^image\/(jpeg|pjpeg|jpg|png|webp|tiff|heic|heif)$/i;

/** {width, height} scaled so the long side is at most `maxSide` (never enlarged), or null for no size. */
export function scaledSize(width, height, maxSide = MAX_SIDE) {
  const w = Math.floor(Number(width));
  const h = Math.floor(Number(height));
  if (!(w > 0 && h > 0)) return null;
  const scale = Math.min(1, maxSide / Math.max(w, h));
  return {
    width: Math.min(maxSide, Math.max(1, Math.round(w * scale))),
    height: Math.min(maxSide, Math.max(1, Math.round(h * scale))),
  };
}

/**
 * Whether PostGuard may read an image from `url` on a page of `pageOrigin`: the page's own
 * blob: URLs, data: images, or the page's own origin (only when already loaded). Never a
 * remote URL: reading it would fetch from the network (and a cross-origin canvas is tainted).
 */
export function readableUrl(url, pageOrigin) {
  if (typeof url !== 'string' || !url) return false;
  if (/^data:image\/(jpeg|jpg|pjpeg|png|webp|gif|bmp);/i.test(url)) return true;
  let parsed;
  try {
    parsed = new URL(url, pageOrigin);
  } catch {
    return false;
  }
  if (parsed.protocol === 'blob:') return parsed.origin === pageOrigin;
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === pageOrigin;
}

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/;

/** Where an attachment element's picture comes from: {el, kind: img|poster|frame|background, url} or null. */
export function sourceOf(el) {
  const tag = el.tagName.toLowerCase();
  if (tag === 'img') return { el, kind: 'img', url: el.currentSrc || el.src || '' };
  if (tag === 'video') {
    if (el.getAttribute('poster')) return { el, kind: 'poster', url: el.poster || el.getAttribute('poster') };
    return { el, kind: 'frame', url: el.currentSrc || el.src || el.querySelector('source')?.src || '' };
  }
  const match = CSS_URL.exec(el.style?.backgroundImage ?? '');
  return match ? { el, kind: 'background', url: match[2] } : null;
}

/** UTF-8 size of the request as the background will send it. */
export function requestBytes(request) {
  return new TextEncoder().encode(JSON.stringify(request)).length;
}

/**
 * Keeps `request` under `budget` bytes, changing it in place. `images` are
 * [{index, encode(quality) → Promise<data URL>}] for request.attachments[index]. In turn:
 * encode at each quality of `qualities` until it fits; then drop originals (the last
 * first); then drop image data (the last first); then the HTML (the text stays).
 * Returns what it did: {bytes, quality, droppedOriginals, droppedData, droppedHtml}.
 */
export async function fitRequest(request, images, { budget = REQUEST_BUDGET, qualities = QUALITIES } = {}) {
  const report = { bytes: 0, quality: null, droppedOriginals: 0, droppedData: 0, droppedHtml: false };
  const fits = () => {
    report.bytes = requestBytes(request);
    return report.bytes <= budget;
  };
  const attachments = request.attachments ?? [];
  const live = images.filter((image) => attachments[image.index]);
  for (const quality of live.length ? qualities : []) {
    for (const image of live) {
      const data = await image.encode(quality);
      if (data) attachments[image.index].data = data;
      else delete attachments[image.index].data;
    }
    report.quality = quality;
    if (fits()) return report;
  }
  if (fits()) return report;
  for (let i = attachments.length - 1; i >= 0; i -= 1) {
    if (!attachments[i].original) continue;
    delete attachments[i].original;
    report.droppedOriginals += 1;
    if (fits()) return report;
  }
  for (let i = attachments.length - 1; i >= 0; i -= 1) {
    if (!attachments[i].data) continue;
    delete attachments[i].data;
    report.droppedData += 1;
    if (fits()) return report;
  }
  if (request.html && request.text) {
    delete request.html;
    report.droppedHtml = true;
  }
  fits();
  return report;
}

/**
 * The part of an original file's first bytes worth sending: for a JPEG, everything up to the
 * end of its EXIF (APP1) segment, so no pixels go (null when it has no EXIF); other types as read.
 */
export function exifPrefix(bytes) {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan: no EXIF from here
    const end = at + 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
    if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(at + 4, at + 10)) === 'Exif\0\0') {
      return bytes.subarray(0, Math.min(end, bytes.length));
    }
    at = end;
  }
  return null;
}

/** Whether the first part of a file of this MIME type can carry EXIF the companion reads. */
export function originalWanted(type) {
  return ORIGINAL_TYPES.test(String(type ?? ''));
}

/** A base64 data URL of `bytes`. */
export function bytesToDataUrl(bytes, type) {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return `data:${type || 'application/octet-stream'};base64,${btoa(binary)}`;
}

/** The data URL `attachments[].original` carries for `file` ('' when it is not worth sending). */
export async function readOriginal(file) {
  if (!originalWanted(file?.type)) return '';
  const head = new Uint8Array(await file.slice(0, ORIGINAL_BYTES).arrayBuffer());
  const part = exifPrefix(head);
  return part && part.length ? bytesToDataUrl(part, file.type) : '';
}

// -- drawing (browser only: jsdom has no canvas) ----------------------------------------

async function decodedBlob(url, win, size) {
  // Only the page's own blob: and data: URLs are fetched: both are in memory, never the network.
  if (!/^(blob|data):/i.test(url) || typeof win.createImageBitmap !== 'function') return null;
  const response = await win.fetch(url);
  const blob = await response.blob();
  // Decoded (and, when the size is known, scaled) off the main thread; upright as the page shows it.
  const options = { imageOrientation: 'from-image' };
  if (size) Object.assign(options, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
  return win.createImageBitmap(blob, options);
}

async function picture(source, win, maxSide) {
  const { el, kind, url } = source;
  if (kind === 'frame') {
    return el.readyState >= 2 && el.videoWidth ? { image: el, width: el.videoWidth, height: el.videoHeight } : null;
  }
  const loaded = kind === 'img' && el.complete && el.naturalWidth > 0;
  try {
    // A preview the page has loaded gives the upright size, so the decoder can scale as it goes.
    const bitmap = await decodedBlob(url, win, loaded ? scaledSize(el.naturalWidth, el.naturalHeight, maxSide) : null);
    if (bitmap) return { image: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    // Fall back to the element the page already decoded.
  }
  if (loaded) return { image: el, width: el.naturalWidth, height: el.naturalHeight };
  if (!/^(blob|data):/i.test(url)) return null; // a same-origin picture not yet loaded is not fetched
  const img = new win.Image();
  img.src = url;
  await img.decode();
  return { image: img, width: img.naturalWidth, height: img.naturalHeight };
}

function canvasToDataUrl(canvas, quality, win) {
  return new Promise((resolve) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        resolve('');
        return;
      }
      const reader = new win.FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => resolve('');
      reader.readAsDataURL(blob);
    }, 'image/jpeg', quality);
  });
}

function loadImage(url, win) {
  return new Promise((resolve, reject) => {
    const img = new win.Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('not an image'));
    img.src = url;
  });
}

/**
 * When a file is picked: its upright size, and a copy scaled to ≤ MAX_SIDE decoded off the main
 * thread, so that a submit need not wait for a 12 MP decode. {natural: {width, height}, bitmap} or null.
 */
export async function prepareScaled(file, { win, maxSide = MAX_SIDE }) {
  if (!/^image\/(jpeg|pjpeg|png|webp|gif|bmp)$/i.test(file?.type ?? '') || typeof win.createImageBitmap !== 'function') return null;
  const url = win.URL.createObjectURL(file);
  try {
    const img = await loadImage(url, win); // the header gives the size; the pixels are decoded below
    const natural = { width: img.naturalWidth, height: img.naturalHeight };
    const size = scaledSize(natural.width, natural.height, maxSide);
    if (!size) return null;
    const bitmap = await win.createImageBitmap(file, {
      imageOrientation: 'from-image', resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high',
    });
    return { natural, bitmap };
  } finally {
    win.URL.revokeObjectURL(url);
  }
}

/** The upright size of the picture a preview shows, without decoding its pixels; null when unknown. */
async function previewSize(source, win) {
  const { el, kind, url } = source;
  if (kind === 'img' && el.complete && el.naturalWidth > 0) return { width: el.naturalWidth, height: el.naturalHeight };
  if (kind === 'frame' || !/^(blob|data):/i.test(url)) return null;
  const img = await loadImage(url, win);
  return { width: img.naturalWidth, height: img.naturalHeight };
}

/**
 * Draws the attachment element's picture onto a canvas of at most MAX_SIDE px and returns
 * {width, height, encode(quality) → Promise<JPEG data URL>}, or null when it cannot be read.
 * `prepared` (from prepareScaled, for the file paired with this preview) is used when the
 * preview shows a picture of exactly that file's upright size; otherwise the preview is read.
 */
export async function scaledImage(el, { doc, win, maxSide = MAX_SIDE, prepared = null }) {
  const source = sourceOf(el);
  if (!source || !readableUrl(source.url, win.location.origin)) return null;
  let pic = null;
  const ready = prepared && (await Promise.resolve(prepared).catch(() => null));
  if (ready?.bitmap && (ready.bitmap.width > 0)) {
    const shown = await previewSize(source, win).catch(() => null);
    if (shown && shown.width === ready.natural.width && shown.height === ready.natural.height) {
      pic = { image: ready.bitmap, width: ready.bitmap.width, height: ready.bitmap.height }; // the store closes it
    }
  }
  pic ??= await picture(source, win, maxSide);
  if (!pic) return null;
  try {
    const size = scaledSize(pic.width, pic.height, maxSide);
    if (!size) return null;
    const canvas = doc.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff'; // transparent PNGs become white, not black, in a JPEG
    context.fillRect(0, 0, size.width, size.height);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(pic.image, 0, 0, size.width, size.height);
    return { ...size, encode: (quality) => canvasToDataUrl(canvas, quality, win) };
  } finally {
    pic.close?.();
  }
}
