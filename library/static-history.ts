// The publisher's memory between runs for the static layout (docs/static-format.md): which version of
// each item the last publication carried, and what each recent publication changed and referenced.
// It lives in the published folder (`v1/static/history.json`) so that folder alone is the whole state;
// it is therefore public, and holds nothing the feed does not already say (ids, versions, removals).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RemovedSchema, type FeedPage } from '../utils/shared/schema';

/** Deltas reach back to publications issued this many days before the new one. */
export const DELTA_DAYS = 60;
/** A superseded publication's files stay this long, so a client that read its index can finish. */
export const KEEP_FILES_DAYS = 7;

export const HISTORY_PATH = 'v1/static/history.json';
const DAY = 86_400_000;

const PublicationSchema = z.object({
  sequence: z.number().int().min(0),
  issuedAt: z.string(),
  /** Ids live at this publication whose version is new or different. */
  changed: z.array(z.string()),
  /** Ids live at the previous publication and gone at this one. */
  removed: z.array(RemovedSchema),
  /** Every file the publication's index referenced. */
  files: z.array(z.string()),
});

const HistorySchema = z.object({
  schema: z.literal(1),
  /** id → version at the newest publication. */
  versions: z.record(z.string(), z.number().int()),
  /** Oldest first, consecutive sequences. */
  publications: z.array(PublicationSchema),
});

export type Publication = z.infer<typeof PublicationSchema>;
export type History = z.infer<typeof HistorySchema>;
type Removed = FeedPage['removed'][number];

export function readHistory(outDir: string): History {
  const path = join(outDir, HISTORY_PATH);
  if (!existsSync(path)) return { schema: 1, versions: {}, publications: [] };
  const parsed = HistorySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  // Starting over would delete files clients are still fetching and drop every delta: refuse instead.
  if (!parsed.success) throw new Error(`${HISTORY_PATH} tidak valid / is invalid: ${parsed.error.message}`);
  return parsed.data;
}

export const latestPublication = (history: History): Publication | undefined => history.publications.at(-1);

/** Stable bytes: keys and lists sorted, so an unchanged history is rewritten identically. */
export function serializeHistory(history: History): string {
  const versions = Object.fromEntries(Object.entries(history.versions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ schema: 1, versions, publications: history.publications })}\n`;
}

/**
 * The history with publication `sequence` appended: what changed since the previous one, judged by
 * version (clients keep an item at an unchanged version, so an edit must raise it). `reasons` names
 * why an id went (removed.json); an id that just disappeared counts as withdrawn.
 */
export function appendPublication(
  history: History,
  next: { sequence: number; issuedAt: string; items: { id: string; version: number }[]; reasons: Map<string, Removed['reason']> },
): History {
  const versions = Object.fromEntries(next.items.map((i) => [i.id, i.version]));
  // Own keys only: an item may be called `constructor`.
  const previousVersion = (id: string) => (Object.hasOwn(history.versions, id) ? history.versions[id] : undefined);
  const changed = next.items.filter((i) => previousVersion(i.id) !== i.version).map((i) => i.id).sort();
  const removed = Object.keys(history.versions)
    .filter((id) => !Object.hasOwn(versions, id))
    .sort()
    .map((id) => ({ id, reason: next.reasons.get(id) ?? 'withdrawn' }));
  const publication = { sequence: next.sequence, issuedAt: next.issuedAt, changed, removed, files: [] };
  return { schema: 1, versions, publications: [...history.publications, publication] };
}

/**
 * Every change in publications (from, to]: ids changed (live or not at `to`) and the last reason each
 * removed id went for. Undefined when the history does not hold every one of those publications.
 */
export function changesBetween(history: History, from: number, to: number): { changed: Set<string>; removed: Map<string, Removed['reason']> } | undefined {
  const span = history.publications.filter((p) => p.sequence > from && p.sequence <= to);
  if (span.length !== to - from || !history.publications.some((p) => p.sequence === from)) return undefined;
  const changed = new Set<string>();
  const removed = new Map<string, Removed['reason']>();
  for (const publication of span) {
    for (const id of publication.changed) changed.add(id);
    for (const { id, reason } of publication.removed) removed.set(id, reason);
  }
  return { changed, removed };
}

/**
 * Delta bases for publication `sequence`: N-1, N-2, N-4, … while the base is held and issued within
 * DELTA_DAYS, then the oldest such publication, so every client of the last DELTA_DAYS has a delta.
 */
export function deltaBases(history: History, sequence: number, issuedAt: string): number[] {
  const oldest = Date.parse(issuedAt) - DELTA_DAYS * DAY;
  const usable = (base: number) => history.publications.some((p) => p.sequence === base && Date.parse(p.issuedAt) >= oldest);
  const bases: number[] = [];
  for (let step = 1; usable(sequence - step); step *= 2) bases.push(sequence - step);
  const earliest = history.publications.find((p) => p.sequence < sequence && usable(p.sequence))?.sequence;
  if (earliest !== undefined && !bases.includes(earliest)) bases.push(earliest);
  return bases;
}

/**
 * A publication's files are in use while its index is the current one and for KEEP_FILES_DAYS after
 * the next publication replaced it; the newest is always in use.
 */
function filesInUse(publications: Publication[], now: number): boolean[] {
  return publications.map((_, i) => {
    const successor = publications[i + 1];
    return !successor || Date.parse(successor.issuedAt) >= now - KEEP_FILES_DAYS * DAY;
  });
}

/** Keeps the publications deltas may start from (DELTA_DAYS) and those whose files are still in use. */
export function pruneHistory(history: History, now: Date): History {
  const inUse = filesInUse(history.publications, now.getTime());
  const oldest = now.getTime() - DELTA_DAYS * DAY;
  const publications = history.publications.filter((p, i) => inUse[i] || Date.parse(p.issuedAt) >= oldest);
  // Keep the sequence consecutive: drop everything before the first publication kept.
  const first = publications[0]?.sequence ?? 0;
  return { ...history, publications: history.publications.filter((p) => p.sequence >= first) };
}

/** Paths of every file a client may still fetch. */
export function filesToKeep(history: History, now: Date): Set<string> {
  const inUse = filesInUse(history.publications, now.getTime());
  return new Set(history.publications.filter((_, i) => inUse[i]).flatMap((p) => p.files));
}
