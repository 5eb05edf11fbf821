// The supervisors' filter and paging parameters, checked before any query: a bad value (`from=x`,
// `limit=-5`) is the caller's mistake, answered 400 with what is wrong, never 503 "database unavailable".
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { POST_STATUSES } from '../utils/shared/log-entry';
import type { PostFilter } from './queries';

const text = (max: number) => z.string().min(1).max(max).optional();
const instant = z.iso.datetime({ offset: true }).optional();

const FilterQuery = z.object({
  from: instant,
  to: instant,
  platform: text(32),
  program: text(200),
  officer: text(200),
  agency: text(64),
  edited: z.enum(['yes', 'no']).optional(),
  status: z.enum(POST_STATUSES).optional(),
  withdrawnOnly: z.enum(['1', '0']).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The query's filter and paging, or a 400 naming the fields that are wrong. */
export function parsePostQuery(query: Record<string, string>): { filter: PostFilter; offset: number; limit: number } {
  // An empty field is no filter (the page's selects send `platform=` for "all").
  const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
  const parsed = FilterQuery.safeParse(given);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
    const body = JSON.stringify({ error: `nilai saringan tidak valid: ${fields} / invalid filter values: ${fields}`, fields: fields.split(', ') });
    throw new HTTPException(400, { res: new Response(body, { status: 400, headers: { 'Content-Type': 'application/json; charset=utf-8' } }) });
  }
  const { offset = 0, limit = 50, withdrawnOnly, ...filter } = parsed.data;
  return { filter: { ...filter, withdrawnOnly: withdrawnOnly === '1' }, offset, limit };
}
