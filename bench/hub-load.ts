// A national-scale posting log for the hub bench, written straight into the database with SQL
// (signing and uploading a million entries would measure the client, not the views): 50 agencies,
// 1,000 officers, 500 items (one in 20 urgent, one in 50 withdrawn), posts spread over 30 days.
import type { Queryable } from '../hub/database';
import { fillCsvLines } from '../hub/export';

export async function loadNationalLog(db: Queryable, entries: number): Promise<void> {
  await db.exec(`
    INSERT INTO agencies (id, name, token_sha256) SELECT 'instansi-' || i, 'Diskominfo Daerah ' || i, md5('token' || i) FROM generate_series(1, 50) i;
    INSERT INTO installs (install_id, agency_id, public_key, genesis, officer_name)
      SELECT 'install-' || i, 'instansi-' || (i % 50 + 1), 'kunci', md5('g' || i), 'Petugas ' || i FROM generate_series(1, 1000) i;
    INSERT INTO items (id, version, title, program, urgent, published_at, withdrawn_at)
      SELECT 'konten-' || i, 1, 'Konten nomor ' || i, 'Program ' || (i % 12), i % 20 = 0, now() - (i * 80 || ' minutes')::interval,
        CASE WHEN i % 50 = 0 THEN now() - interval '1 day' END FROM generate_series(1, 500) i;`);
  const chunk = 100_000;
  for (let start = 0; start < entries; start += chunk) {
    await db.query(
      `INSERT INTO entries (id, install_id, agency_id, kind, hash, prev_hash, posted_at, platform, item_id, item_version, program, officer_name, account, edited, status, post_url, body)
       SELECT v.id, 'install-' || v.officer, 'instansi-' || (v.officer % 50 + 1), 'post', v.hash, v.prev, v.posted_at, v.platform, 'konten-' || v.item, 1,
         'Program ' || (v.item % 12), 'Petugas ' || v.officer, '@humas' || v.officer, v.g % 7 = 0, 'confirmed', 'https://x.com/humas' || v.officer || '/status/' || v.g,
         jsonb_build_object('id', v.id, 'postedAt', to_char(v.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'platform', v.platform, 'itemId', 'konten-' || v.item,
           'itemVersion', 1, 'mediaIds', jsonb_build_array('konten-' || v.item || '-1'), 'text', 'Info resmi konten ' || v.item || ' dari pemerintah, sebarkan! #InfoResmi',
           'edited', v.g % 7 = 0, 'account', '@humas' || v.officer, 'pageUrl', 'https://x.com/compose/post', 'officerName', 'Petugas ' || v.officer,
           'agency', 'Diskominfo Daerah ' || (v.officer % 50 + 1), 'program', 'Program ' || (v.item % 12), 'status', 'confirmed', 'prevHash', v.prev, 'hash', v.hash, 'signature', 'sig')
       FROM (SELECT g, md5('e' || g) AS id, md5('h' || g) || md5('i' || g) AS hash, md5('p' || g) || md5('q' || g) AS prev,
               g % 1000 + 1 AS officer, (g::bigint * 7919 % 500 + 1)::int AS item, (ARRAY['x', 'facebook', 'instagram'])[g % 3 + 1] AS platform,
               now() - (g * 2.6 || ' seconds')::interval AS posted_at
             FROM generate_series($1::int, $2::int) g) v`,
      [start + 1, Math.min(entries, start + chunk)],
    );
  }
  // Ingestion writes each post's CSV line; these rows skipped it, so they get theirs as an upgraded hub's do.
  await fillCsvLines(db);
  await db.exec('VACUUM ANALYZE entries');
}
