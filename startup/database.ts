// Opening the read model at start-up: a database that does not answer, a URL that is
// not one, or an application role that could rewrite the audit log stops the process
// at once with one line saying what to fix.
import { sql } from 'drizzle-orm';
import { auditLogStandingOf, handAuditLogToItsOwner } from '../db/audit-owner.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import type { DatabaseHandle } from '../db/client.js';
import { StartupError } from './errors.js';

export interface ReadModelOptions {
  /** The application's connection (DATABASE_URL); absent: embedded PGlite in `pgliteDataDir`. */
  url?: string | undefined;
  /** A superuser's connection to the same database (DATABASE_ADMIN_URL), used once per start to hand the audit log to its owner. */
  adminUrl?: string | undefined;
  pgliteDataDir?: string;
  maxConnections?: number;
  connectTimeoutSeconds?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** The options the processes take from their environment. */
export function readModelOptionsFromEnv(env: NodeJS.ProcessEnv): Pick<ReadModelOptions, 'url' | 'adminUrl' | 'connectTimeoutSeconds'> {
  const timeout = env.DATABASE_CONNECT_TIMEOUT === undefined ? DEFAULT_CONNECT_TIMEOUT_SECONDS : Number(env.DATABASE_CONNECT_TIMEOUT);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new StartupError(`DATABASE_CONNECT_TIMEOUT=${env.DATABASE_CONNECT_TIMEOUT} is not a number of seconds above 0`);
  return { url: env.DATABASE_URL || undefined, adminUrl: env.DATABASE_ADMIN_URL || undefined, connectTimeoutSeconds: timeout };
}

/** Opens, migrates and checks the read model; a StartupError says what to fix. */
export async function openReadModel(options: ReadModelOptions): Promise<DatabaseHandle> {
  if (!options.url) {
    const handle = await openDatabase({ pgliteDataDir: options.pgliteDataDir ?? '.data/pglite' });
    await migrateDatabase(handle);
    return handle;
  }
  const timeout = options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS;
  const handle = await connected('DATABASE_URL', options.url, { maxConnections: options.maxConnections ?? 10, timeout });
  try {
    await migrateDatabase(handle);
    if (options.adminUrl) {
      const admin = await connected('DATABASE_ADMIN_URL', options.adminUrl, { maxConnections: 1, timeout });
      try {
        const { role } = await auditLogStandingOf(handle.db);
        await handAuditLogToItsOwner(admin.db, role);
      } finally {
        await admin.close();
      }
    }
    await refuseAuditLogRewriter(handle);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function refuseAuditLogRewriter(handle: DatabaseHandle): Promise<void> {
  const standing = await auditLogStandingOf(handle.db);
  const fix = 'connect DATABASE_URL as the application’s own role and start once with DATABASE_ADMIN_URL (a superuser on the same database) so the audit log is handed to audit_log_owner';
  if (standing.superuser) throw new StartupError(`DATABASE_URL connects as the superuser ${standing.role}, which could rewrite the audit log: ${fix}`);
  if (standing.owns) throw new StartupError(`DATABASE_URL's role ${standing.role} owns the audit log or its schema and could rewrite or drop it: ${fix}`);
  if (standing.more.length > 0) throw new StartupError(`DATABASE_URL's role ${standing.role} may ${standing.more.join(', ')} the audit log: ${fix}`);
}

/** Opens a connection and proves it answers within the timeout. */
async function connected(setting: string, url: string, options: { maxConnections: number; timeout: number }): Promise<DatabaseHandle> {
  let where: string;
  try {
    const parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(parsed.protocol);
    where = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    throw new StartupError(`${setting} is not a URL such as postgres://user:password@host:5432/database`);
  }
  const handle = await openDatabase({ url, maxConnections: options.maxConnections, connectTimeoutSeconds: options.timeout });
  let timer: NodeJS.Timeout | undefined;
  try {
    // postgres.js's own connect timeout covers the handshake; this covers the rest.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${options.timeout} s`)), (options.timeout + 2) * 1000);
    });
    await Promise.race([handle.db.execute(sql`select 1`), deadline]);
    return handle;
  } catch (error) {
    void handle.close().catch(() => {});
    throw new StartupError(`cannot connect to PostgreSQL at ${where} (${setting}) within ${options.timeout} s: ${rootMessage(error)}; check that the server runs and the URL is right`);
  } finally {
    clearTimeout(timer);
  }
}

function rootMessage(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) return rootMessage(error.cause);
  if (error instanceof Error) return (error as { code?: string }).code === 'CONNECT_TIMEOUT' ? 'it accepted the connection but never answered (connect timeout)' : error.message.split('\n')[0]!;
  return String(error);
}
