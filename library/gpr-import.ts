// GPR widget XML → draft content items. Items a person has edited since the last import are never
// overwritten: each draft remembers the hash of what the importer wrote.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';

export interface GprItem {
  title: string;
  link: string;
  pubDate: string;
  description: string;
  category?: string;
}

export interface ImportResult {
  created: string[];
  updated: string[];
  keptEdited: string[];
  unchanged: string[];
  problems: string[];
}

const PROGRAMS: [RegExp, string][] = [
  [/hoa[xk]s|klarifikasi|disinformasi/i, 'Klarifikasi Hoaks'],
  [/sehat|kesehatan|jkn|stunting/i, 'Kesehatan'],
  [/didik|pendidikan|sekolah/i, 'Pendidikan'],
  [/tani|pertanian|pangan/i, 'Pertanian'],
  [/infrastruktur|jalan|bendungan|pupr/i, 'Infrastruktur'],
  [/bencana|bnpb|gempa|banjir/i, 'Bencana'],
  [/ekonomi|umkm|keuangan|investasi/i, 'Ekonomi'],
  [/sosial|bansos/i, 'Sosial'],
];

export function programFor(category: string | undefined): string {
  if (!category?.trim()) return 'Umum';
  return PROGRAMS.find(([pattern]) => pattern.test(category))?.[1] ?? category.trim();
}

/** HTML fragment → plain text. Never rendered: tags are dropped and entities decoded to characters. */
export function htmlToText(html: string): string {
  const withoutTags = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeHTML(withoutTags)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function slugId(title: string, link: string): string {
  const slug = title.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50).replace(/-+$/, '');
  return `${slug || 'gpr'}-${createHash('sha256').update(link).digest('hex').slice(0, 8)}`;
}

/** Items of a GPR feed, whether inside an RSS channel or directly under the root element. */
export function parseGpr(xml: string): GprItem[] {
  const doc = new XMLParser({ ignoreAttributes: true, processEntities: true, trimValues: true, isArray: (name: string) => name === 'item' }).parse(xml) as Record<string, unknown>;
  const found: unknown[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'item' && Array.isArray(value)) found.push(...value);
      else visit(value);
    }
  };
  visit(doc);
  return found.map((raw) => {
    const item = raw as Record<string, unknown>;
    const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
    return { title: text(item.title), link: text(item.link), pubDate: text(item.pubDate), description: text(item.description), category: text(item.category) || undefined };
  });
}

const contentHash = (item: object) => createHash('sha256').update(JSON.stringify(item)).digest('hex');

export function toDraft(gpr: GprItem): Record<string, unknown> {
  const title = htmlToText(gpr.title).slice(0, 200);
  return {
    id: slugId(title, gpr.link),
    version: 1,
    draft: true,
    title,
    program: programFor(gpr.category),
    tags: gpr.category ? [gpr.category.trim()] : [],
    kind: 'berita',
    priority: 'normal',
    publishedAt: new Date(gpr.pubDate).toISOString(),
    captions: { default: htmlToText(gpr.description) || title },
    hashtags: [],
    link: gpr.link,
    media: [],
  };
}

export function importGpr(xml: string, contentDir: string): ImportResult {
  const result: ImportResult = { created: [], updated: [], keptEdited: [], unchanged: [], problems: [] };
  mkdirSync(join(contentDir, 'items'), { recursive: true });
  for (const gpr of parseGpr(xml)) {
    if (!gpr.title || !/^https?:\/\//.test(gpr.link) || Number.isNaN(Date.parse(gpr.pubDate))) {
      result.problems.push(`dilewati / skipped: "${gpr.title || '(tanpa judul)'}" — judul, tautan atau tanggal tidak valid / invalid title, link or date`);
      continue;
    }
    const draft = toDraft(gpr);
    const file = join(contentDir, 'items', `${draft.id}.json`);
    const record = { ...draft, gprImport: { sourceHash: contentHash(draft) } };
    if (existsSync(file)) {
      const { gprImport, ...current } = JSON.parse(readFileSync(file, 'utf8')) as { gprImport?: { sourceHash?: string } };
      if (!gprImport || contentHash(current) !== gprImport.sourceHash) {
        result.keptEdited.push(String(draft.id)); // a person changed it: theirs wins
        continue;
      }
      if (gprImport.sourceHash === record.gprImport.sourceHash) {
        result.unchanged.push(String(draft.id));
        continue;
      }
      result.updated.push(String(draft.id));
    } else {
      result.created.push(String(draft.id));
    }
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  }
  return result;
}
