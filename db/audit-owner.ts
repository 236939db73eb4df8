// The audit log belongs to a role the application does not run as: audit_log_owner,
// which cannot log in. The application's role may only INSERT and SELECT it, so it
// can neither rewrite nor remove history, truncate the table, alter it or disable its
// triggers: append-only by privilege, not by courtesy. (Embedded PGlite has a single
// role, so there the append-only triggers are all that stands guard.)
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

export const AUDIT_LOG_OWNER = 'audit_log_owner';

/** Rows of db.execute on either driver (postgres.js gives an array, PGlite `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Hands the audit log, its id sequence and its trigger function to audit_log_owner
 * and leaves `appRole` INSERT and SELECT. Run as a superuser on the application's
 * database after the migrations; running it again changes nothing.
 */
export async function handAuditLogToItsOwner(admin: Database, appRole: string): Promise<void> {
  const owner = sql.identifier(AUDIT_LOG_OWNER);
  const app = sql.identifier(appRole);
  await admin.transaction(async (tx) => {
    // Two processes starting together may both create the role: the second one's
    // duplicate is harmless.
    await tx.execute(
      sql.raw(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${AUDIT_LOG_OWNER}') THEN CREATE ROLE ${AUDIT_LOG_OWNER} NOLOGIN; END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`),
    );
    await tx.execute(sql`ALTER TABLE audit_log OWNER TO ${owner}`);
    // Whoever owns a schema may drop anything in it: the schema goes to the
    // administrator, the application keeps creating its own tables there.
    await tx.execute(sql`ALTER SCHEMA public OWNER TO CURRENT_USER`);
    await tx.execute(sql`GRANT USAGE, CREATE ON SCHEMA public TO ${app}`);
    await tx.execute(sql`ALTER FUNCTION audit_log_refuse_change() OWNER TO ${owner}`);
    await tx.execute(sql`REVOKE ALL ON audit_log FROM PUBLIC, ${app}`);
    await tx.execute(sql`GRANT SELECT, INSERT ON audit_log TO ${app}`);
    await tx.execute(sql`REVOKE ALL ON SEQUENCE audit_log_id_seq FROM PUBLIC, ${app}`);
    await tx.execute(sql`GRANT USAGE ON SEQUENCE audit_log_id_seq TO ${app}`);
  });
}

export interface AuditLogStanding {
  role: string;
  superuser: boolean;
  /** Owns the table or its schema (and so could drop it), or is a member of a role that does. */
  owns: boolean;
  /** Privileges beyond INSERT and SELECT the role holds on it. */
  more: string[];
}

/** What the connected role may do to the audit log. */
export async function auditLogStandingOf(db: Database): Promise<AuditLogStanding> {
  const [row] = rowsOf<{ role: string; superuser: boolean; owns: boolean; can_update: boolean; can_delete: boolean; can_truncate: boolean; can_trigger: boolean }>(
    await db.execute(sql`
      select current_user::text as role, r.rolsuper as superuser,
             pg_has_role(current_user, c.relowner, 'MEMBER') or pg_has_role(current_user, n.nspowner, 'MEMBER') as owns,
             has_table_privilege('audit_log', 'UPDATE') as can_update,
             has_table_privilege('audit_log', 'DELETE') as can_delete,
             has_table_privilege('audit_log', 'TRUNCATE') as can_truncate,
             has_table_privilege('audit_log', 'TRIGGER') as can_trigger
      from pg_class c join pg_namespace n on n.oid = c.relnamespace, pg_roles r
      where c.oid = 'audit_log'::regclass and r.rolname = current_user`),
  );
  if (!row) throw new Error('audit_log or the current role was not found');
  const more = (['update', 'delete', 'truncate', 'trigger'] as const).filter((p) => row[`can_${p}`]).map((p) => p.toUpperCase());
  return { role: row.role, superuser: row.superuser, owns: row.owns, more };
}
