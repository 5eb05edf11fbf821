// The desk's JSON API under /desk/api (the hub's session cookie; its own body limits, since an
// infographic upload is larger than the supervisors' API allows). Approval and withdrawal publish
// at once: the library's signed output is rewritten before the answer, one publication at a time per
// library, and the publication is an audit entry of its own.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import type { Supervisor } from '../accounts';
import type { HubDatabase } from '../database';
import { audit, type HubLogger } from '../operations';
import { appendAudit, readAudit, verifyAuditChain } from './audit';
import { approveItem, createItem, DeskError, saveItem, sendBack, submitItem, withdrawItem, type Actor } from './items';
import { rolesOf, type DeskLibraryRuntime } from './libraries';
import { importGprDrafts } from './gpr-inbox';
import { registerInboxRoutes } from './inbox';
import { storeUpload } from './media';
import { publishDeskLibrary, resolveMedia, type DeskPublication } from './publish-output';
import { itemDetail, listItems, waitingFor, type DeskItemDetail } from './queries';

type DeskEnv = { Variables: { deskUser: Supervisor } };
const param = (c: Context<DeskEnv>, name: string): string => c.req.param(name) ?? '';

export interface DeskOptions {
  libraries: DeskLibraryRuntime[];
  /** The signed-in account of a request (the hub's session cookie), or undefined. */
  session: (c: Context) => Promise<Supervisor | undefined>;
  logger?: HubLogger;
  now?: () => Date;
}

/** Publications of one library run one after another in this process (keyed by the library's runtime object). */
const queues = new WeakMap<DeskLibraryRuntime, Promise<unknown>>();

/**
 * Publishes a library now, after any publication of it still running; a new publication (not an
 * unchanged rewrite) is an audit entry of `actor`.
 */
export function publishQueued(db: HubDatabase, library: DeskLibraryRuntime, actor: string, now: () => Date = () => new Date()): Promise<DeskPublication> {
  const run = (queues.get(library) ?? Promise.resolve()).catch(() => undefined).then(async () => {
    const publication = await publishDeskLibrary(db, library, now());
    if (publication.changed) {
      await db.transaction((tx) => appendAudit(tx, { actor, action: 'publish', library: library.id, item: null, version: null, summary: { sequence: publication.sequence, items: publication.items, tombstones: publication.tombstones, scheduled: publication.scheduled } }));
    }
    return publication;
  });
  queues.set(library, run);
  return run;
}

export function createPublisher(db: HubDatabase, libraries: DeskLibraryRuntime[], now?: () => Date) {
  return (libraryId: string, actor: string) => publishQueued(db, libraries.find((l) => l.id === libraryId)!, actor, now);
}

export function registerDeskRoutes(app: Hono<any>, db: HubDatabase, options: DeskOptions): void {
  const desk = app as unknown as Hono<DeskEnv>;
  const publish = createPublisher(db, options.libraries, options.now);
  const known = (id: string) => options.libraries.some((l) => l.id === id);

  desk.use('/desk/api/*', csrf());
  desk.use('/desk/api/*', async (c, next) => {
    // An infographic, or a GPR feed file (gpr-inbox.ts), is larger than a JSON request.
    const limit = c.req.path.endsWith('/media') ? 16 * 1024 * 1024 : c.req.path.endsWith('/gpr') ? 4 * 1024 * 1024 : 256 * 1024;
    return bodyLimit({ maxSize: limit, onError: (cc) => cc.json({ error: 'permintaan terlalu besar / request too large' }, 413) })(c, next);
  });
  desk.use('/desk/api/*', async (c, next) => {
    const user = await options.session(c);
    if (!user) return c.json({ error: 'login' }, 401);
    c.set('deskUser', user);
    c.header('Cache-Control', 'no-store');
    return next();
  });
  // A refusal of the workflow answers with its status; anything else is the hub's (503, app.ts).
  const route = (work: (c: Context<DeskEnv>) => Promise<Response>) => async (c: Context<DeskEnv>) => {
    try {
      return await work(c);
    } catch (err) {
      if (err instanceof DeskError) return c.json({ error: err.message, issues: err.issues }, err.status);
      throw err;
    }
  };

  const actorFor = async (c: Context<DeskEnv>, library: string): Promise<Actor> => {
    if (!known(library)) throw new DeskError(404, 'Pustaka tidak dikenal / unknown library');
    const user = c.get('deskUser');
    return { id: user.id, username: user.username, roles: (await rolesOf(db, user.id)).get(library) ?? new Set() };
  };
  /** The operators' log (pino) gets a line for each publication, correction and withdrawal, beside the desk's own chain. */
  const auditLine = (c: Context<DeskEnv>, event: 'desk_publish' | 'desk_correction' | 'desk_withdraw', library: string, version?: number) => {
    const user = c.get('deskUser');
    if (options.logger) audit(options.logger, c, event, user.username, user.agencyId, { library, item: param(c, 'id'), ...(version ? { version: String(version) } : {}) });
  };
  const body = async (c: Context<DeskEnv>) => (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const publishNow = async (c: Context<DeskEnv>, library: string) => {
    try {
      return await publish(library, c.get('deskUser').username);
    } catch (err) {
      options.logger?.error({ library, err: (err as Error).message }, 'desk publication failed');
      throw new DeskError(409, `Disetujui, tetapi penerbitan gagal; coba terbitkan lagi / approved, but publishing failed: ${(err as Error).message}`);
    }
  };

  desk.get('/desk/api/libraries', route(async (c) => {
    const roles = await rolesOf(db, c.get('deskUser').id);
    const waiting = await waitingFor(db, c.get('deskUser').id);
    return c.json({
      libraries: options.libraries.map((l) => ({ id: l.id, name: l.name, publicKey: l.publicKey, roles: [...(roles.get(l.id) ?? [])].sort() })),
      waiting,
    });
  }));
  desk.get('/desk/api/waiting', route(async (c) => c.json({ waiting: await waitingFor(db, c.get('deskUser').id) })));
  desk.get('/desk/api/libraries/:lib/items', route(async (c) => {
    const actor = await actorFor(c, param(c, 'lib'));
    if (!actor.roles.size) throw new DeskError(403, 'Anda tidak punya peran di pustaka ini / you have no role in this library');
    return c.json({ items: await listItems(db, param(c, 'lib'), actor.id) });
  }));
  desk.get('/desk/api/libraries/:lib/items/:id', route(async (c) => {
    const actor = await actorFor(c, param(c, 'lib'));
    if (!actor.roles.size) throw new DeskError(403, 'Anda tidak punya peran di pustaka ini / you have no role in this library');
    const detail = await itemDetail(db, param(c, 'lib'), param(c, 'id'));
    if (!detail) return c.json({ error: 'Konten tidak ditemukan / item not found' }, 404);
    // The form shows each image's thumbnail beside its alt text.
    const refs = (v: DeskItemDetail['versions'][number]) => (Array.isArray(v.content.media) ? (v.content.media as { sha256: string; alt: string }[]) : []);
    const media = await resolveMedia(db, [...new Set(detail.versions.flatMap((v) => refs(v).map((m) => m.sha256)))]);
    const versions = detail.versions.map((v) => ({ ...v, content: { ...v.content, media: refs(v).map((m) => ({ ...m, thumbnail: media.get(m.sha256)?.thumbnail })) } }));
    return c.json({ ...detail, versions });
  }));
  desk.post('/desk/api/libraries/:lib/items', route(async (c) => {
    const lib = param(c, 'lib');
    return c.json(await createItem(db, lib, await actorFor(c, lib), (await body(c)).content), 201);
  }));
  desk.put('/desk/api/libraries/:lib/items/:id', route(async (c) => {
    const lib = param(c, 'lib');
    const b = await body(c);
    return c.json(await saveItem(db, lib, await actorFor(c, lib), param(c, 'id'), b.content, text(b.reason) || undefined));
  }));
  desk.post('/desk/api/libraries/:lib/items/:id/submit', route(async (c) => {
    const lib = param(c, 'lib');
    return c.json(await submitItem(db, lib, await actorFor(c, lib), param(c, 'id')));
  }));
  desk.post('/desk/api/libraries/:lib/items/:id/approve', route(async (c) => {
    const lib = param(c, 'lib');
    const approved = await approveItem(db, lib, await actorFor(c, lib), param(c, 'id'));
    auditLine(c, approved.correction ? 'desk_correction' : 'desk_publish', lib, approved.version);
    return c.json({ ...approved, publication: await publishNow(c, lib) });
  }));
  desk.post('/desk/api/libraries/:lib/items/:id/send-back', route(async (c) => {
    const lib = param(c, 'lib');
    await sendBack(db, lib, await actorFor(c, lib), param(c, 'id'), text((await body(c)).comment));
    return c.json({ ok: true });
  }));
  desk.post('/desk/api/libraries/:lib/items/:id/withdraw', route(async (c) => {
    const lib = param(c, 'lib');
    await withdrawItem(db, lib, await actorFor(c, lib), param(c, 'id'), text((await body(c)).reason));
    auditLine(c, 'desk_withdraw', lib);
    return c.json({ ok: true, publication: await publishNow(c, lib) });
  }));
  // Publishes the library again (after a failed publication; unchanged content rewrites nothing).
  desk.post('/desk/api/libraries/:lib/publish', route(async (c) => {
    const lib = param(c, 'lib');
    const actor = await actorFor(c, lib);
    if (!actor.roles.has('approver')) throw new DeskError(403, 'Anda bukan penyetuju pustaka ini / you are not an approver of this library');
    return c.json({ publication: await publishNow(c, lib) });
  }));
  desk.post('/desk/api/libraries/:lib/media', route(async (c) => {
    const lib = param(c, 'lib');
    const actor = await actorFor(c, lib);
    if (!actor.roles.has('editor')) throw new DeskError(403, 'Anda bukan editor pustaka ini / you are not an editor of this library');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new DeskError(400, 'Pilih berkas gambar / choose an image file');
    return c.json(await storeUpload(db, actor.id, Buffer.from(await file.arrayBuffer())), 201);
  }));
  // The GPR feed file → drafts of this library (gpr-inbox.ts).
  desk.post('/desk/api/libraries/:lib/gpr', route(async (c) => {
    const lib = param(c, 'lib');
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File)) throw new DeskError(400, 'Pilih berkas GPR (XML) / choose the GPR (XML) file');
    return c.json(await importGprDrafts(db, lib, await actorFor(c, lib), await file.text()));
  }));
  desk.get('/desk/api/audit', route(async (c) => {
    const rows = await readAudit(db);
    const roles = await rolesOf(db, c.get('deskUser').id);
    const check = verifyAuditChain(rows);
    // The chain is verified whole; each account reads the rows of its own libraries.
    return c.json({ check, rows: rows.filter((r) => roles.has(r.library)).reverse().slice(0, 500) });
  }));
  registerInboxRoutes(desk, db, (err) => options.logger?.error({ err: err.message }, 'suggestion request failed'));
}
