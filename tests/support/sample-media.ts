// The image the sample library serves for an item: the publisher's platform-ready copy of the
// editor's file (library/media-prep.ts), as every network is handed it.
import { readFileSync } from 'node:fs';
import { readContentFolder } from '../../library/content-folder';

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

export async function servedSampleImage(itemId: string): Promise<{ bytes: Buffer; sha256: string; mime: string }> {
  const folder = await readContentFolder(CONTENT_DIR);
  const media = folder.items.find((item) => item.id === itemId)?.media[0];
  if (!media) throw new Error(`no image for ${itemId}`);
  return { bytes: readFileSync(folder.files.get(media.url)!.path), sha256: media.sha256, mime: media.mime };
}
