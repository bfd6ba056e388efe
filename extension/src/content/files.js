// Files: the original image files a teacher picks, drops or pastes, read (first 128 KiB, EXIF only) in memory until the post goes.

import { readOriginal } from './images.js';

/** Picked photos kept scaled in advance (the newest; each is a 1024-px bitmap, about 3 MB). */
const MAX_PREPARED = 4;

/** Files remembered per page at most (the oldest are forgotten first). */
const MAX_FILES = 20;

const baseName = (name) => String(name ?? '').trim().toLowerCase();

/**
 * Pairs attachment previews with the files picked for them: [file index or -1] per preview.
 * A preview named like a file (its alt or label) takes that file; the rest are paired in the
 * order they were picked, aligned from the end (the newest files belong to the last previews,
 * so a photo removed earlier in the composer is the one left over).
 */
export function matchFiles(previewNames, fileNames) {
  const result = previewNames.map(() => -1);
  const used = new Set();
  previewNames.forEach((name, i) => {
    const want = baseName(name);
    if (!want) return;
    const found = fileNames.findIndex((file, j) => !used.has(j) && baseName(file) === want);
    if (found >= 0) {
      result[i] = found;
      used.add(found);
    }
  });
  const previews = result.map((file, i) => (file < 0 ? i : -1)).filter((i) => i >= 0);
  const files = fileNames.map((_, j) => j).filter((j) => !used.has(j));
  for (let k = 1; k <= Math.min(previews.length, files.length); k += 1) {
    result[previews[previews.length - k]] = files[files.length - k];
  }
  return result;
}

/** The page's remembered files: add(FileList), match(previewNames), forget(). Nothing leaves memory. */
export function createFileStore({ read = readOriginal, prepare = null, limit = MAX_FILES, prepared = MAX_PREPARED } = {}) {
  let files = [];
  const release = (file) => {
    const pending = file.prepared;
    file.prepared = null;
    pending?.then((ready) => ready?.bitmap?.close?.(), () => {});
  };
  return {
    add(list) {
      for (const file of list ?? []) {
        if (!/^(image|video)\//.test(file?.type ?? '')) continue;
        const original = Promise.resolve().then(() => read(file)).catch(() => '');
        const entry = { name: file.name ?? '', type: file.type, size: file.size, original, prepared: null };
        if (prepare && file.type.startsWith('image/')) entry.prepared = Promise.resolve().then(() => prepare(file)).catch(() => null);
        files.push(entry);
      }
      if (files.length > limit) files.splice(0, files.length - limit).forEach(release);
      files.filter((file) => file.prepared).slice(0, -prepared).forEach(release);
    },
    /**
     * For each preview ({name, kind: 'image'|'video'}, or a name), the file picked for it
     * ({name, type, size, original: Promise<string>}) or null. Photos pair with image files
     * and videos with video files, so a video or GIF added another way does not shift the photos.
     */
    match(previews) {
      const current = files;
      const result = previews.map(() => null);
      for (const kind of ['image', 'video']) {
        const at = previews.map((p, i) => ((typeof p === 'string' ? 'image' : p.kind) === kind ? i : -1)).filter((i) => i >= 0);
        const pool = current.filter((file) => file.type.startsWith(`${kind}/`));
        const pairs = matchFiles(at.map((i) => (typeof previews[i] === 'string' ? previews[i] : previews[i].name)), pool.map((file) => file.name));
        pairs.forEach((j, k) => {
          if (j >= 0) result[at[k]] = pool[j];
        });
      }
      return result;
    },
    forget() {
      files.forEach(release);
      files = [];
    },
    get size() {
      return files.length;
    },
  };
}

/**
 * Listens (capture phase, on the document) for files chosen in an <input type=file>, or dropped
 * or pasted onto a composer (`onComposer(target)`), and remembers them in `store`. Forgets them
 * when the page is left, and after an in-page navigation when no attachment preview is left
 * (`hasPreviews()`). Returns an uninstall function.
 */
export function installFileCapture({ doc, win, store, hasPreviews = () => false, onComposer = () => true, settleMs = 1000 }) {
  const onChange = (event) => {
    const input = event.target;
    if (input?.tagName === 'INPUT' && input.type === 'file' && input.files?.length) store.add(input.files);
  };
  const onDrop = (event) => {
    if (event.dataTransfer?.files?.length && onComposer(event.target)) store.add(event.dataTransfer.files);
  };
  const onPaste = (event) => {
    if (event.clipboardData?.files?.length && onComposer(event.target)) store.add(event.clipboardData.files);
  };
  const onLeave = () => store.forget();
  let timer = 0;
  const onNavigate = () => {
    win.clearTimeout(timer);
    // Sites change the URL for a composer's own steps (X's media editor); forget once nothing is attached.
    timer = win.setTimeout(() => {
      if (!hasPreviews()) store.forget();
    }, settleMs);
  };
  doc.addEventListener('change', onChange, true);
  doc.addEventListener('drop', onDrop, true);
  doc.addEventListener('paste', onPaste, true);
  win.addEventListener('pagehide', onLeave);
  win.addEventListener('popstate', onNavigate);
  win.navigation?.addEventListener?.('navigatesuccess', onNavigate);
  return () => {
    win.clearTimeout(timer);
    doc.removeEventListener('change', onChange, true);
    doc.removeEventListener('drop', onDrop, true);
    doc.removeEventListener('paste', onPaste, true);
    win.removeEventListener('pagehide', onLeave);
    win.removeEventListener('popstate', onNavigate);
    win.navigation?.removeEventListener?.('navigatesuccess', onNavigate);
  };
}
