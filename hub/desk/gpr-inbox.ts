// The GPR feed as the desk's inbox of drafts (issue 30): an editor uploads the GPR widget XML (the
// same file `npm run library:import-gpr` reads) and each valid article becomes a draft of the chosen
// library — title, programme, tags, link, the article's text as the main caption, and a shorter
// caption where a network's limit needs one — marked "dari GPR". An article already imported into
// that library (same GPR link) is skipped, whatever happened to its draft since.
import type { HubDatabase } from '../database';
import { parseGpr, toDraft, type GprItem } from '../../library/gpr-import';
import { composeCaption } from '../../utils/shared/compose';
import { networks, type Platform } from '../../utils/shared/networks';
import { appendAudit } from './audit';
import { countCaption } from './caption-limits';
import { changedFields, DeskDraftSchema } from './draft';
import { DeskError, newItemId, type Actor } from './items';

export interface GprDeskImport {
  created: { id: string; title: string; link: string }[];
  /** Links of articles this library already has. */
  duplicates: string[];
  problems: string[];
}

const SLOTS = { agency: '{instansi}', region: '{daerah}' };

/** The longest start of `text` (cut at a word, with "…") that fits the network as one click would insert it. */
export function fitCaption(text: string, network: Platform, item: { hashtags: string[]; link?: string }): string {
  const fits = (caption: string) => countCaption(composeCaption({ ...item, captions: { default: caption } }, network, SLOTS), network).ok;
  if (fits(text)) return text;
  const words = text.split(/\s+/);
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(`${words.slice(0, mid).join(' ')}…`)) low = mid;
    else high = mid - 1;
  }
  return low ? `${words.slice(0, low).join(' ')}…` : '';
}

/** A GPR article as a desk draft: the main caption is its text; X gets its title (the link follows), other networks a cut text when the whole is too long. */
export function gprDraft(gpr: GprItem) {
  const base = toDraft(gpr) as { title: string; program: string; tags: string[]; kind: string; priority: string; captions: { default: string }; hashtags: string[]; link: string };
  const captions: Record<string, string> = { default: base.captions.default };
  for (const n of networks()) {
    const whole = fitCaption(base.captions.default, n.id, base);
    if (whole === base.captions.default) continue;
    captions[n.id] = n.id === 'x' ? fitCaption(base.title, n.id, base) : whole;
  }
  return DeskDraftSchema.parse({ title: base.title, program: base.program, kind: base.kind, priority: base.priority, tags: base.tags, hashtags: base.hashtags, link: base.link, captions, media: [] });
}

export async function importGprDrafts(db: HubDatabase, library: string, actor: Actor, xml: string): Promise<GprDeskImport> {
  if (!actor.roles.has('editor')) throw new DeskError(403, 'Anda bukan editor pustaka ini / you are not an editor of this library');
  let articles: GprItem[];
  try {
    articles = parseGpr(xml);
  } catch (err) {
    throw new DeskError(400, `Berkas GPR tidak dapat dibaca / the GPR file cannot be read: ${(err as Error).message}`);
  }
  const result: GprDeskImport = { created: [], duplicates: [], problems: [] };
  for (const gpr of articles) {
    if (!gpr.title || !/^https?:\/\//.test(gpr.link) || Number.isNaN(Date.parse(gpr.pubDate))) {
      result.problems.push(`dilewati / skipped: "${gpr.title || '(tanpa judul)'}" — judul, tautan atau tanggal tidak valid / invalid title, link or date`);
      continue;
    }
    const draft = gprDraft(gpr);
    const id = newItemId(draft.title ?? '');
    const made = await db.transaction(async (tx) => {
      const inserted = await tx.query('INSERT INTO desk_items (library_id, id, created_by, open_version, gpr_link) VALUES ($1, $2, $3, 1, $4) ON CONFLICT (library_id, gpr_link) DO NOTHING RETURNING id', [library, id, actor.id, gpr.link]);
      if (!inserted.length) return false;
      await tx.query("INSERT INTO desk_versions (library_id, item_id, version, content, state, editors) VALUES ($1, $2, 1, $3, 'draft', $4)", [library, id, JSON.stringify(draft), [actor.id]]);
      await appendAudit(tx, { actor: actor.username, action: 'create', library, item: id, version: 1, summary: { source: 'gpr', link: gpr.link, changed: changedFields(undefined, draft) } });
      return true;
    });
    if (made) result.created.push({ id, title: draft.title ?? '', link: gpr.link });
    else result.duplicates.push(gpr.link);
  }
  return result;
}
