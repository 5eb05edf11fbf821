// The desk's inbox (issue 30, "the bottom-up loop"): officers report a local hoax or suggest content
// from the extension's popup; the enrolled install signs each report (as it signs its log entries),
// the hub checks the signature and keeps it once. An agency's accounts read their agency's reports,
// national accounts every agency's.
import { createHash, verify } from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Supervisor } from '../accounts';
import type { HubDatabase, Queryable } from '../database';
import { activeInstall } from '../installs';
import { rawEd25519, type Answer } from '../report-rules';
import { SCREENSHOT_MIMES, SUGGESTION_KINDS, SUGGESTION_LIMITS, suggestionBytes, type Suggestion } from '../../utils/shared/suggestion';

/** A report kept by an extension through a long outage is still taken up to this age. */
const MAX_AGE_MS = 30 * 24 * 3_600_000;
const MAX_FUTURE_MS = 10 * 60_000;

const suggestionSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f-]{36}$/i),
    installId: z.string().min(1).max(100),
    kind: z.enum(SUGGESTION_KINDS),
    text: z.string().min(1).max(SUGGESTION_LIMITS.text),
    link: z.string().max(SUGGESTION_LIMITS.link).regex(/^https?:\/\//).optional(),
    screenshot: z.object({ mime: z.enum(SCREENSHOT_MIMES), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(1).max(SUGGESTION_LIMITS.screenshotBytes) }).strict().optional(),
    at: z.string().datetime({ offset: true }),
    signature: z.string().max(200),
  })
  .strict();
const uploadSchema = z.object({ installId: z.string().min(1).max(100), suggestion: z.unknown(), screenshot: z.string().max(Math.ceil(SUGGESTION_LIMITS.screenshotBytes / 3) * 4 + 4).optional() });

const refused = (reason: string): Answer => ({ status: 422, body: { error: 'laporan ditolak / report refused', reason } });

/** POST /v1/suggestions: 200 stored (or already held), 422 refused for what it is, 401 unknown install, 403 pending or revoked. */
export async function receiveSuggestion(db: HubDatabase, body: unknown, userAgent: string | undefined, now = Date.now()): Promise<Answer> {
  const upload = uploadSchema.safeParse(body);
  if (!upload.success) {
    return typeof (body as { installId?: unknown })?.installId === 'string' ? refused('format') : { status: 401, body: { error: 'install belum terdaftar / install not enrolled' } };
  }
  const { installId } = upload.data;
  const install = await activeInstall(db, installId, userAgent);
  if ('refusal' in install) return install.refusal;
  const { who } = install;
  const parsed = suggestionSchema.safeParse(upload.data.suggestion);
  if (!parsed.success) return refused('format');
  const { signature, ...suggestion } = parsed.data;
  if (suggestion.installId !== installId) return refused('install');
  const hash = createHash('sha256').update(suggestionBytes(suggestion as Suggestion)).digest('hex');
  let signed = false;
  try {
    signed = verify(null, Buffer.from(hash), rawEd25519(who.publicKey), Buffer.from(signature, 'base64'));
  } catch {
    signed = false;
  }
  if (!signed) return refused('signature');
  const at = Date.parse(suggestion.at);
  if (at < now - MAX_AGE_MS || at > now + MAX_FUTURE_MS) return refused('time');
  // The image is the one the signature names (through its sha256), or none.
  const image = upload.data.screenshot === undefined ? undefined : Buffer.from(upload.data.screenshot, 'base64');
  if (Boolean(image) !== Boolean(suggestion.screenshot)) return refused('screenshot');
  if (image && (image.length !== suggestion.screenshot!.bytes || createHash('sha256').update(image).digest('hex') !== suggestion.screenshot!.sha256)) return refused('screenshot');
  const stored = await db.query<{ id: string }>(
    `INSERT INTO desk_inbox (id, install_id, agency_id, officer_name, kind, body, link, screenshot, screenshot_mime, reported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [suggestion.id, installId, who.agencyId, who.officerName, suggestion.kind, suggestion.text, suggestion.link ?? null, image ?? null, suggestion.screenshot?.mime ?? null, suggestion.at],
  );
  return { status: 200, body: { accepted: stored.length, duplicates: 1 - stored.length } };
}

export interface InboxRow {
  id: string;
  kind: string;
  text: string;
  link: string | null;
  officerName: string;
  agencyId: string;
  agencyName: string;
  reportedAt: string;
  receivedAt: string;
  hasScreenshot: boolean;
}

const scopeOf = (reader: Supervisor, params: unknown[]) => (reader.role === 'national' ? '' : (params.push(reader.agencyId ?? ''), `AND s.agency_id = $${params.length}`));

/** The newest reports the account may read: its agency's, or every agency's for a national account. */
export async function readInbox(db: Queryable, reader: Supervisor, limit = 200): Promise<InboxRow[]> {
  const params: unknown[] = [];
  const scope = scopeOf(reader, params);
  const rows = await db.query<InboxRow & { reportedAt: Date | string; receivedAt: Date | string }>(
    `SELECT s.id, s.kind, s.body AS text, s.link, s.officer_name AS "officerName", s.agency_id AS "agencyId", a.name AS "agencyName",
            s.reported_at AS "reportedAt", s.received_at AS "receivedAt", s.screenshot IS NOT NULL AS "hasScreenshot"
       FROM desk_inbox s JOIN agencies a ON a.id = s.agency_id WHERE true ${scope} ORDER BY s.reported_at DESC LIMIT ${limit | 0}`,
    params,
  );
  return rows.map((r) => ({ ...r, reportedAt: new Date(r.reportedAt).toISOString(), receivedAt: new Date(r.receivedAt).toISOString() }));
}

/** A report's screenshot, when the account may read that report. */
export async function inboxScreenshot(db: Queryable, reader: Supervisor, id: string): Promise<{ bytes: Uint8Array; mime: string } | undefined> {
  const params: unknown[] = [id];
  const scope = scopeOf(reader, params);
  const [row] = await db.query<{ screenshot: Uint8Array | null; screenshot_mime: string | null }>(`SELECT s.screenshot, s.screenshot_mime FROM desk_inbox s WHERE s.id = $1 ${scope}`, params);
  return row?.screenshot && row.screenshot_mime ? { bytes: row.screenshot, mime: row.screenshot_mime } : undefined;
}

/**
 * POST /v1/suggestions (the extension's report endpoint: CORS and body limit as /v1/posts, app.ts)
 * and the desk's reading of the inbox under /desk/api (the desk's session, set by routes.ts).
 */
export function registerInboxRoutes(app: Hono<{ Variables: { deskUser: Supervisor } }>, db: HubDatabase, onError: (err: Error) => void): void {
  app.post('/v1/suggestions', async (c) => {
    const body = await c.req.json().catch(() => undefined);
    if (body === undefined) return c.json({ error: 'JSON tidak valid / invalid JSON' }, 400);
    try {
      const answer = await receiveSuggestion(db, body, c.req.header('User-Agent'));
      return c.json(answer.body, answer.status as 200);
    } catch (err) {
      // The extension keeps the report and sends it again.
      onError(err as Error);
      return c.json({ error: 'hub tidak tersedia / hub unavailable' }, 503);
    }
  });
  app.get('/desk/api/inbox', async (c) => c.json({ reports: await readInbox(db, c.get('deskUser')) }));
  app.get('/desk/api/inbox/:id/screenshot', async (c) => {
    const image = await inboxScreenshot(db, c.get('deskUser'), c.req.param('id'));
    if (!image) return c.json({ error: 'tidak ditemukan / not found' }, 404);
    return c.body(Buffer.from(image.bytes), 200, { 'Content-Type': image.mime, 'Content-Security-Policy': "default-src 'none'; sandbox", 'X-Content-Type-Options': 'nosniff' });
  });
}
