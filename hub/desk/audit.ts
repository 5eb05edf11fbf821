// The desk's audit log: append-only (a trigger refuses UPDATE and DELETE) and hash-chained. Each row
// holds the previous row's hash and its own: sha256 over the canonical JSON (keys sorted, no spaces)
// of {prev, at, actor, action, library, item, version, summary}. `verifyAuditChain` recomputes every
// hash in order, so an edited, inserted or deleted row breaks the chain at that row.
import { createHash } from 'node:crypto';
import type { Queryable } from '../database';

export const AUDIT_ACTIONS = ['create', 'submit', 'approve', 'send_back', 'publish', 'correct', 'withdraw'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const GENESIS_HASH = '0'.repeat(64);
/** Serializes appends across hub processes on one database (pg_advisory_xact_lock). */
const AUDIT_LOCK = 7293;

export interface AuditEntry {
  at: string;
  actor: string;
  action: AuditAction;
  library: string;
  item: string | null;
  version: number | null;
  summary: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  seq: number;
  prev: string;
  hash: string;
}

/** JSON with object keys sorted at every depth: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function auditHash(prev: string, entry: AuditEntry): string {
  const { at, actor, action, library, item, version, summary } = entry;
  return createHash('sha256').update(canonicalJson({ prev, at, actor, action, library, item, version, summary })).digest('hex');
}

/** Appends one entry; call inside the transaction that made the change, so both commit or neither. */
export async function appendAudit(tx: Queryable, entry: Omit<AuditEntry, 'at'> & { at?: string }): Promise<AuditRow> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const [last] = await tx.query<{ hash: string }>('SELECT hash FROM desk_audit ORDER BY seq DESC LIMIT 1');
  const full: AuditEntry = { ...entry, at: entry.at ?? new Date().toISOString() };
  const prev = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prev, full);
  const [row] = await tx.query<{ seq: number }>(
    'INSERT INTO desk_audit (at, actor, action, library_id, item_id, version, summary, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq',
    [full.at, full.actor, full.action, full.library, full.item, full.version, JSON.stringify(full.summary), prev, hash],
  );
  return { ...full, seq: row!.seq, prev, hash };
}

type DbRow = { seq: number; at: string; actor: string; action: AuditAction; library_id: string; item_id: string | null; version: number | null; summary: Record<string, unknown>; prev_hash: string; hash: string };
const toRow = (r: DbRow): AuditRow => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, library: r.library_id, item: r.item_id, version: r.version, summary: r.summary, prev: r.prev_hash, hash: r.hash });

/** The whole chain, oldest first (every library: the chain is one per hub). */
export async function readAudit(db: Queryable): Promise<AuditRow[]> {
  return (await db.query<DbRow>('SELECT * FROM desk_audit ORDER BY seq')).map(toRow);
}

export type ChainCheck = { ok: true; rows: number; head: string } | { ok: false; rows: number; brokenAt: number; why: 'hash' | 'link' };

/** Recomputes the chain: the first row whose hash or link to the previous row does not hold. */
export function verifyAuditChain(rows: AuditRow[]): ChainCheck {
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prev !== prev) return { ok: false, rows: rows.length, brokenAt: row.seq, why: 'link' };
    if (auditHash(row.prev, row) !== row.hash) return { ok: false, rows: rows.length, brokenAt: row.seq, why: 'hash' };
    prev = row.hash;
  }
  return { ok: true, rows: rows.length, head: prev };
}
