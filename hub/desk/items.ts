// The desk's workflow on the database: a draft is written (version 1, or a correction: the next
// version of a published item, with a reason), sent for review, then approved by an approver who
// wrote none of it (two-person rule, urgent items too) or sent back with a comment. Every step is
// one transaction with its audit row. Publishing the approved state is the caller's (routes.ts).
import { randomBytes } from 'node:crypto';
import type { HubDatabase, Queryable } from '../database';
import { appendAudit, type AuditAction } from './audit';
import { changedFields, DeskDraftSchema, issuesOf, reviewProblems, type Issue } from './draft';
import type { DeskRole } from './libraries';
import { resolveMedia } from './publish-output';

export class DeskError extends Error {
  constructor(readonly status: 400 | 403 | 404 | 409, message: string, readonly issues?: Issue[]) {
    super(message);
  }
}

export interface Actor {
  id: number;
  username: string;
  /** The actor's roles in the library acted on. */
  roles: Set<DeskRole>;
}

export type ItemState = 'draft' | 'review' | 'sent_back' | 'published' | 'withdrawn';

type ItemRow = { id: string; published_version: number | null; open_version: number | null; withdrawn_at: string | null };
type VersionRow = { version: number; content: Record<string, unknown>; state: string; editors: number[]; reason: string | null };

const need = (actor: Actor, role: DeskRole) => {
  if (!actor.roles.has(role)) {
    throw new DeskError(403, role === 'editor' ? 'Anda bukan editor pustaka ini / you are not an editor of this library' : 'Anda bukan penyetuju pustaka ini / you are not an approver of this library');
  }
};

function parseDraft(content: unknown) {
  const parsed = DeskDraftSchema.safeParse(content);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new DeskError(400, `Isi tidak valid / invalid content: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return parsed.data;
}

/** `judul-berita-a1b2c3`: readable in logs, unique without asking. */
export function newItemId(title: string): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
  return `${slug || 'konten'}-${randomBytes(3).toString('hex')}`;
}

async function itemRow(tx: Queryable, library: string, id: string): Promise<ItemRow> {
  const [row] = await tx.query<ItemRow>('SELECT id, published_version, open_version, withdrawn_at FROM desk_items WHERE library_id = $1 AND id = $2 FOR UPDATE', [library, id]);
  if (!row) throw new DeskError(404, 'Konten tidak ditemukan / item not found');
  return row;
}

async function versionRow(tx: Queryable, library: string, id: string, version: number): Promise<VersionRow> {
  const [row] = await tx.query<VersionRow>('SELECT version, content, state, editors, reason FROM desk_versions WHERE library_id = $1 AND item_id = $2 AND version = $3', [library, id, version]);
  return row!;
}

const audit = (tx: Queryable, actor: Actor, action: AuditAction, library: string, item: string, version: number, summary: Record<string, unknown>) =>
  appendAudit(tx, { actor: actor.username, action, library, item, version, summary });

export async function createItem(db: HubDatabase, library: string, actor: Actor, content: unknown): Promise<{ id: string; version: number }> {
  need(actor, 'editor');
  const draft = parseDraft(content);
  const id = newItemId(draft.title ?? '');
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO desk_items (library_id, id, created_by, open_version) VALUES ($1, $2, $3, 1)', [library, id, actor.id]);
    await tx.query("INSERT INTO desk_versions (library_id, item_id, version, content, state, editors) VALUES ($1, $2, 1, $3, 'draft', $4)", [library, id, JSON.stringify(draft), [actor.id]]);
    await audit(tx, actor, 'create', library, id, 1, { changed: changedFields(undefined, draft) });
    return { id, version: 1 };
  });
}

/**
 * Saves the open version (a draft, or one sent back). With no open version, a published item gets a
 * correction: the next version, which needs a reason. A version in review is not edited.
 */
export async function saveItem(db: HubDatabase, library: string, actor: Actor, id: string, content: unknown, reason?: string): Promise<{ version: number }> {
  need(actor, 'editor');
  const draft = parseDraft(content);
  return db.transaction(async (tx) => {
    const item = await itemRow(tx, library, id);
    if (item.withdrawn_at) throw new DeskError(409, 'Konten sudah ditarik / the item was withdrawn');
    if (item.open_version) {
      const open = await versionRow(tx, library, id, item.open_version);
      if (open.state === 'review') throw new DeskError(409, 'Sedang ditinjau: tunggu keputusan penyetuju / in review: wait for the approver');
      const editors = open.editors.includes(actor.id) ? open.editors : [...open.editors, actor.id];
      await tx.query("UPDATE desk_versions SET content = $4, editors = $5, state = 'draft', reason = COALESCE($6, reason), updated_at = now() WHERE library_id = $1 AND item_id = $2 AND version = $3", [library, id, item.open_version, JSON.stringify(draft), editors, reason?.trim() || null]);
      return { version: item.open_version };
    }
    if (!reason?.trim()) throw new DeskError(400, 'Koreksi perlu alasan / a correction needs a reason');
    const version = item.published_version! + 1;
    const published = await versionRow(tx, library, id, item.published_version!);
    await tx.query("INSERT INTO desk_versions (library_id, item_id, version, content, state, editors, reason) VALUES ($1, $2, $3, $4, 'draft', $5, $6)", [library, id, version, JSON.stringify(draft), [actor.id], reason.trim()]);
    await tx.query('UPDATE desk_items SET open_version = $3, updated_at = now() WHERE library_id = $1 AND id = $2', [library, id, version]);
    await audit(tx, actor, 'correct', library, id, version, { reason: reason.trim(), changed: changedFields(published.content, draft) });
    return { version };
  });
}

async function openVersion(tx: Queryable, library: string, id: string, states: string[]) {
  const item = await itemRow(tx, library, id);
  const open = item.open_version ? await versionRow(tx, library, id, item.open_version) : undefined;
  if (!open || !states.includes(open.state)) throw new DeskError(409, 'Tidak ada versi dalam keadaan itu / no version in that state');
  return { item, open };
}

/** Sends the open version for review: it must be complete and within every network's limits. */
export async function submitItem(db: HubDatabase, library: string, actor: Actor, id: string): Promise<{ version: number }> {
  need(actor, 'editor');
  return db.transaction(async (tx) => {
    const { item, open } = await openVersion(tx, library, id, ['draft', 'sent_back']);
    await checkComplete(tx, open.content);
    const before = item.published_version ? (await versionRow(tx, library, id, item.published_version)).content : undefined;
    await tx.query("UPDATE desk_versions SET state = 'review', submitted_at = now(), review_comment = NULL, updated_at = now() WHERE library_id = $1 AND item_id = $2 AND version = $3", [library, id, open.version]);
    await audit(tx, actor, 'submit', library, id, open.version, { changed: changedFields(before, open.content), ...(open.reason ? { reason: open.reason } : {}) });
    return { version: open.version };
  });
}

async function checkComplete(tx: Queryable, content: unknown) {
  const hashes = ((content as { media?: { sha256: string }[] }).media ?? []).map((m) => m.sha256);
  const { issues } = reviewProblems(content, await resolveMedia(tx, hashes));
  if (issues.length) throw new DeskError(400, `Belum dapat diterbitkan / cannot be published yet: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** Approves the version in review: never by one of its writers. The caller then publishes. `correction`: it replaces a published version. */
export async function approveItem(db: HubDatabase, library: string, actor: Actor, id: string): Promise<{ version: number; correction: boolean }> {
  need(actor, 'approver');
  return db.transaction(async (tx) => {
    const { item, open } = await openVersion(tx, library, id, ['review']);
    if (open.editors.includes(actor.id)) {
      throw new DeskError(403, 'Aturan dua orang: penyetuju harus orang lain, bukan penulis versi ini / two-person rule: an approver other than its writer must approve');
    }
    await checkComplete(tx, open.content);
    if (item.published_version) await tx.query("UPDATE desk_versions SET state = 'superseded' WHERE library_id = $1 AND item_id = $2 AND version = $3", [library, id, item.published_version]);
    await tx.query("UPDATE desk_versions SET state = 'approved', approved_by = $4, approved_at = now(), updated_at = now() WHERE library_id = $1 AND item_id = $2 AND version = $3", [library, id, open.version, actor.id]);
    await tx.query('UPDATE desk_items SET published_version = $3, open_version = NULL, first_published_at = COALESCE(first_published_at, now()), updated_at = now() WHERE library_id = $1 AND id = $2', [library, id, open.version]);
    await audit(tx, actor, 'approve', library, id, open.version, { writers: open.editors.length, ...(open.reason ? { reason: open.reason } : {}) });
    return { version: open.version, correction: item.published_version !== null };
  });
}

export async function sendBack(db: HubDatabase, library: string, actor: Actor, id: string, comment: string): Promise<void> {
  need(actor, 'approver');
  if (!comment?.trim()) throw new DeskError(400, 'Tulis alasan pengembalian / write why it is sent back');
  await db.transaction(async (tx) => {
    const { open } = await openVersion(tx, library, id, ['review']);
    await tx.query("UPDATE desk_versions SET state = 'sent_back', review_comment = $4, updated_at = now() WHERE library_id = $1 AND item_id = $2 AND version = $3", [library, id, open.version, comment.trim()]);
    await audit(tx, actor, 'send_back', library, id, open.version, { comment: comment.trim() });
  });
}

/** An approver withdraws a published item, with a reason; the caller publishes the removal. */
export async function withdrawItem(db: HubDatabase, library: string, actor: Actor, id: string, reason: string): Promise<void> {
  need(actor, 'approver');
  if (!reason?.trim()) throw new DeskError(400, 'Penarikan perlu alasan / a withdrawal needs a reason');
  await db.transaction(async (tx) => {
    const item = await itemRow(tx, library, id);
    if (!item.published_version || item.withdrawn_at) throw new DeskError(409, 'Hanya konten terbit yang dapat ditarik / only a published item can be withdrawn');
    await tx.query('UPDATE desk_items SET withdrawn_at = now(), withdrawn_reason = $3, withdrawn_by = $4, updated_at = now() WHERE library_id = $1 AND id = $2', [library, id, reason.trim(), actor.id]);
    await audit(tx, actor, 'withdraw', library, id, item.published_version, { reason: reason.trim() });
  });
}
