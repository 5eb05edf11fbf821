// Whether a site took an image, from several signals, none of them the adapter's guess alone
// (issue 33: a preview selector copied from our own fixture left officers with an empty composer
// when the site's markup differed). Taken: any sign that the site has the file (a new preview, its
// file input consumed, Post disabled for the upload, the site's own upload progress). Shown: the
// site displays it (a new image/video/`blob:` preview anywhere in the composer, or Post enabled by
// the media alone while the editor is empty).
import { attachViaFileInput, isButtonEnabled, pasteFile, waitUntil } from './dom-insert';
import type { MediaAttachment } from './types';

export interface WatchedAttach {
  /** The composer: previews are looked for anywhere inside it. */
  root: Element;
  /** The site's file input, or null to paste the file into the editor instead (never both). */
  input: HTMLInputElement | null;
  editor: HTMLElement;
  file: File;
  postButton(): HTMLElement | null;
  /** Whether the editor holds no text (then only media can enable Post). */
  editorEmpty(): boolean;
  /** The site's own upload progress, in addition to `[role=progressbar]` and `<progress>`. */
  progress?: string;
  timeoutMs: number;
}

/** Anything a site shows a picked file with: an image, a video, a canvas, a `blob:` background. */
const PREVIEW = 'img, video, canvas, picture, [style*="blob:"]';
const PROGRESS = '[role="progressbar"], progress';

const previewCount = (root: Element) => root.querySelectorAll(PREVIEW).length;
const blobCount = (root: Element) => [...root.querySelectorAll<HTMLImageElement | HTMLVideoElement>('img, video')].filter((m) => /^(blob|data):/.test(m.currentSrc || m.src)).length;

/** Gives the site the file and reports its signals as they come. */
export function attachWatched(opts: WatchedAttach): MediaAttachment {
  const { root, input, file } = opts;
  const progressSelector = opts.progress ? `${PROGRESS}, ${opts.progress}` : PROGRESS;
  const before = { previews: previewCount(root), blobs: blobCount(root), postEnabled: isButtonEnabled(opts.postButton()), progress: !!root.querySelector(progressSelector) };
  let postWentDisabled = false;
  let progressSeen = false;

  if (input) attachViaFileInput(input, file);
  else pasteFile(opts.editor, file);

  const shown = () => {
    if (!root.isConnected) return false;
    if (previewCount(root) > before.previews || blobCount(root) > before.blobs) return true;
    // Post enabled with an empty editor: only the media can have enabled it.
    return !before.postEnabled && isButtonEnabled(opts.postButton()) && opts.editorEmpty();
  };
  const taken = () => {
    if (shown()) return true;
    // A site reads the file and clears its input, or renders a new one.
    if (input && (!input.isConnected || !input.files?.length)) return true;
    if (before.postEnabled && !isButtonEnabled(opts.postButton())) postWentDisabled = true;
    if (!before.progress && root.querySelector(progressSelector)) progressSeen = true;
    return postWentDisabled || progressSeen;
  };
  return { taken: waitUntil(taken, opts.timeoutMs), shown: waitUntil(shown, opts.timeoutMs) };
}
