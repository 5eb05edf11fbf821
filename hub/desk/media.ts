// An uploaded infographic: the publisher's platform-ready preparation (library/media-prep.ts: JPEG or
// PNG at the networks' size, a thumbnail small enough for a slow office link), stored in the
// database until the item is published (media/ of the output is public, a draft's image is not).
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { prepareMedia } from '../../library/media-prep';
import { MEDIA_MIMES } from '../../utils/shared/library-terms';
import type { Queryable } from '../database';
import { DeskError } from './items';

export const MAX_IMAGE_BYTES = 15_000_000;

export interface UploadedMedia {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  thumbnail: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function storeUpload(db: Queryable, uploader: number, source: Buffer): Promise<UploadedMedia> {
  if (source.length > MAX_IMAGE_BYTES) throw new DeskError(400, 'Gambar terlalu besar (maks. 15 MB) / image too large (max 15 MB)');
  let format: string | undefined, width = 0, height = 0;
  try {
    ({ format, width, height } = await sharp(source).metadata());
  } catch {
    throw new DeskError(400, 'Berkas bukan gambar yang dapat dibaca / not a readable image');
  }
  const mime = `image/${format}`;
  if (!(MEDIA_MIMES as string[]).includes(mime)) throw new DeskError(400, `Hanya PNG, JPEG atau WebP / only PNG, JPEG or WebP (${format})`);
  const prep = await prepareMedia(source, mime);
  const originalSha = sha256(source);
  const readySha = prep.readyIsOriginal ? originalSha : sha256(prep.ready.bytes);
  const original = prep.readyIsOriginal ? [null, null, null, null, null] : [originalSha, mime, source, width, height];
  await db.query(
    `INSERT INTO desk_media (sha256, mime, bytes, width, height, thumbnail, original_sha256, original_mime, original_bytes, original_width, original_height, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (sha256) DO NOTHING`,
    [readySha, prep.ready.mime, prep.ready.bytes, prep.ready.width, prep.ready.height, prep.thumbnail, ...original, uploader],
  );
  return { sha256: readySha, mime: prep.ready.mime, width: prep.ready.width, height: prep.ready.height, bytes: prep.ready.bytes.length, thumbnail: prep.thumbnail };
}
