// The supervisors' JSON API about installs (under /api: session cookie and CSRF checks as the rest).
import type { Context, Hono } from 'hono';
import type { Supervisor } from './accounts';
import type { HubDatabase } from './database';
import { agencySettings, approveInstall, createEnrollmentCode, isInstallApproval, listEnrollmentCodes, listInstalls, revokeInstall, setInstallApproval } from './install-admin';

type Env = { Variables: { supervisor: Supervisor; requestId: string } };

/** Writes an audit line for an approval or a revocation that happened. */
export type InstallAudit = (c: Context<Env>, event: 'install_approved' | 'install_revoked', installId: string) => void;

const notFound = { error: 'perangkat tidak ditemukan / install not found' };

/** The agency an action is about: an agency supervisor's own; a national supervisor names one. */
const agencyOf = (supervisor: Supervisor, asked: unknown): string | undefined =>
  supervisor.role === 'national' ? (typeof asked === 'string' && asked ? asked : undefined) : (supervisor.agencyId ?? undefined);

const bodyOf = async (c: Context<Env>) => ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;

export function registerInstallRoutes(app: Hono<Env>, db: HubDatabase, audit: InstallAudit = () => undefined): void {
  app.get('/api/installs', async (c) => {
    const supervisor = c.get('supervisor');
    const [installs, agencies] = await Promise.all([listInstalls(db, supervisor), agencySettings(db, supervisor)]);
    return c.json({ installs, agencies });
  });
  const action = (event: 'install_approved' | 'install_revoked', work: typeof approveInstall) => async (c: Context<Env>) => {
    const installId = c.req.param('installId')!;
    if (!(await work(db, c.get('supervisor'), installId))) return c.json(notFound, 404);
    audit(c, event, installId);
    return c.json({ ok: true });
  };
  app.post('/api/installs/:installId/approve', action('install_approved', approveInstall));
  app.post('/api/installs/:installId/revoke', action('install_revoked', revokeInstall));
  app.post('/api/install-approval', async (c) => {
    const body = await bodyOf(c);
    const agency = agencyOf(c.get('supervisor'), body.agency);
    if (!agency || !isInstallApproval(body.installApproval)) return c.json({ error: 'instansi dan installApproval (automatic|required) wajib / agency and installApproval required' }, 400);
    return (await setInstallApproval(db, agency, body.installApproval)) ? c.json({ ok: true }) : c.json({ error: 'instansi tidak ditemukan / agency not found' }, 404);
  });
  app.get('/api/enrollment-codes', async (c) => c.json(await listEnrollmentCodes(db, c.get('supervisor'))));
  app.post('/api/enrollment-codes', async (c) => {
    const body = await bodyOf(c);
    const supervisor = c.get('supervisor');
    const agency = agencyOf(supervisor, body.agency);
    if (!agency || typeof body.officerName !== 'string') return c.json({ error: 'instansi dan nama petugas wajib / agency and officer name required' }, 400);
    try {
      return c.json({ ...(await createEnrollmentCode(db, agency, body.officerName, supervisor.username)), agencyId: agency }, 201);
    } catch (err) {
      if (err instanceof RangeError) return c.json({ error: err.message }, 400);
      throw err;
    }
  });
}
