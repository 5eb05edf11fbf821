// The house rules that keep the code's layout honest:
// - the content script runs in every X/Facebook/Instagram tab: it must stay small and never reach
//   the extension's storage, so nothing it imports may come from utils/background, utils/storage or
//   utils/pages, nor pull in zod, Dexie, twitter-text or papaparse;
// - every user-visible string comes from locales/*.yml, never a literal in a component.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** Runtime imports of a module (type-only imports are erased and do not count). */
function runtimeImports(source: string): string[] {
  const specs: string[] = [];
  const pattern = /(?:^|\n)\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*export\s+(?!type\s)[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(pattern)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : undefined;
  if (!base) return undefined;
  const path = base.split('?')[0]!;
  return ['', '.ts', '.tsx', '/index.ts'].map((ext) => path + ext).find((p) => existsSync(p) && !p.endsWith('/'));
}

/** Every project file and package a module reaches through runtime imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.tsx?$/.test(file)) return;
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      const local = resolveLocal(file, spec);
      if (local) visit(local);
      else if (!spec.startsWith('.') && !spec.startsWith('@/')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('where code runs', () => {
  const content = reach(join(ROOT, 'entrypoints/content/index.tsx'));
  const reached = [...content.files].map((f) => relative(ROOT, f));

  it('the content script reaches only content, shared and component modules', () => {
    expect(reached.length).toBeGreaterThan(10);
    expect(reached.filter((f) => /^utils\/(background|storage|pages)\//.test(f))).toEqual([]);
    expect(reached.filter((f) => f.startsWith('utils/') && !/^utils\/(content|shared)\//.test(f))).toEqual([]);
  });

  it('the content script pulls in no storage, validation or heavy text libraries', () => {
    expect([...content.packages].filter((p) => ['dexie', 'zod', 'twitter-text', 'papaparse'].includes(p))).toEqual([]);
  });

  it('the import walk itself sees a forbidden import when one is there', () => {
    const background = reach(join(ROOT, 'entrypoints/background.ts'));
    expect([...background.files].some((f) => f.includes('/utils/storage/db.ts'))).toBe(true);
    expect(background.packages.has('dexie')).toBe(true);
  });
});

/** Text between JSX tags and literal aria-label/title/placeholder/alt values: what a user reads. */
export function literalUiStrings(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?<![=\-])>([^<>{}=;()]*\p{L}{2,}[^<>{}=;()]*)</gu)) found.push(m[1]!.trim());
  for (const m of source.matchAll(/\s(aria-label|title|placeholder|alt)="([^"]*\p{L}[^"]*)"/gu)) found.push(m[0].trim());
  return found;
}

describe('i18n', () => {
  const uiFiles = ['components', 'entrypoints/content', 'entrypoints/popup', 'entrypoints/dashboard', 'entrypoints/options'].flatMap((dir) =>
    readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.tsx')).map((f) => join(dir, f)),
  );

  it('no component shows a literal string: every text comes from the locale files', () => {
    expect(uiFiles.length).toBeGreaterThan(5);
    const literals = uiFiles.flatMap((file) => literalUiStrings(readFileSync(join(ROOT, file), 'utf8')).map((s) => `${file}: ${s}`));
    expect(literals).toEqual([]);
  });

  it('the check finds the literals it is meant to find', () => {
    expect(literalUiStrings('<option value="">Semua</option> <b>{i18n.t("a")}</b> <input placeholder="Cari" />')).toEqual(['Semua', 'placeholder="Cari"']);
  });
});
