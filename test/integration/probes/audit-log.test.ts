// The audit log: append-only by privilege. It belongs to audit_log_owner; the role the
// application runs as (DATABASE_URL) may insert and read it, nothing else: no update,
// delete or truncate, no altering the table, no disabling its triggers, no rewriting
// its trigger function. And an admin change commits with its audit entry or not at all.
import { eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client.js';
import { openDatabase } from '../../../db/client.js';
import { rowsOf } from '../../../db/audit-owner.js';
import { auditLog, enterprises } from '../../../db/schema.js';
import { openReadModel } from '../../../startup/database.js';
import { StartupError } from '../../../startup/errors.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { startHarness } from '../api/fixtures.js';
import type { ApiHarness } from '../api/fixtures.js';

const adminUrl = process.env.DATABASE_ADMIN_URL;

let h: ApiHarness;
let superuser: DatabaseHandle;
let admin: TestUser;

beforeAll(async () => {
  if (!adminUrl) throw new Error('DATABASE_ADMIN_URL is unset: run the tests with `npm test`, which starts PostgreSQL with an application role and a superuser');
  h = await startHarness();
  superuser = await openDatabase({ url: adminUrl, maxConnections: 1 });
  admin = await createTestUser(h.database.db, 'admin');
});
afterAll(async () => {
  await superuser?.close();
  await h?.close();
});

/** The SQLSTATE a statement run as the application's role fails with. */
async function refusal(statement: string): Promise<string | undefined> {
  try {
    await h.database.db.execute(sql.raw(statement));
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code ?? 'unknown';
  }
}

describe('the application role and the audit log', () => {
  it('is not the owner: audit_log_owner is', async () => {
    const [row] = rowsOf<{ owner: string; me: string }>(await h.database.db.execute(sql`select pg_get_userbyid(relowner) as owner, current_user::text as me from pg_class where oid = 'audit_log'::regclass`));
    expect(row?.owner).toBe('audit_log_owner');
    expect(row?.me).not.toBe('audit_log_owner');
  });

  it('may insert an entry and read it back', async () => {
    const eventKey = uniqueId('probe-audit');
    await h.database.db.insert(auditLog).values({ eventKey, actor: 'probe', action: 'probe-wrote' });
    expect(await h.database.db.select().from(auditLog).where(eq(auditLog.eventKey, eventKey))).toHaveLength(1);
  });

  it.each([
    ['update', `update audit_log set reason = 'rewritten'`],
    ['delete', 'delete from audit_log'],
    ['truncate', 'truncate audit_log'],
    ['alter', 'alter table audit_log add column forged text'],
    ['disable its triggers', 'alter table audit_log disable trigger all'],
    ['drop its append-only trigger', 'drop trigger audit_log_append_only on audit_log'],
    ['replace its trigger function', `create or replace function audit_log_refuse_change() returns trigger as $$ begin return new; end $$ language plpgsql`],
    ['drop it', 'drop table audit_log'],
    ['take it over', 'alter table audit_log owner to current_user'],
  ])('may not %s (insufficient privilege)', async (_what, statement) => {
    expect(await refusal(statement)).toBe('42501');
  });

  it('may not grant itself more (PostgreSQL grants nothing and warns)', async () => {
    await h.database.db.execute(sql.raw('grant update, delete, truncate, trigger on audit_log to current_user'));
    const [row] = rowsOf<{ can: boolean }>(
      await h.database.db.execute(sql`select has_table_privilege('audit_log', 'UPDATE') or has_table_privilege('audit_log', 'DELETE') or has_table_privilege('audit_log', 'TRUNCATE') or has_table_privilege('audit_log', 'TRIGGER') as can`),
    );
    expect(row?.can).toBe(false);
  });

  it('is refused at start-up when it could rewrite the log: a superuser as DATABASE_URL', async () => {
    const started = openReadModel({ url: adminUrl, connectTimeoutSeconds: 5 });
    await expect(started).rejects.toBeInstanceOf(StartupError);
    await expect(started).rejects.toThrow(/connects as the superuser postgres, which could rewrite the audit log/);
  });
});

describe('an admin change and its audit entry', () => {
  it('commit together or not at all: a failing audit entry leaves the enterprise unchanged', async () => {
    const id = await createTestEnterprise(h.database.db);
    const marker = uniqueId('audit-refuses');
    // The superuser makes the audit log refuse this one entry, as a full disk or a
    // broken connection might between the change and its entry.
    await superuser.db.execute(
      sql.raw(`create function probe_refuse_marked_entry() returns trigger as $$
        begin if new.detail::text like '%${marker}%' then raise exception 'audit entry refused by the probe'; end if; return new; end $$ language plpgsql`),
    );
    await superuser.db.execute(sql.raw('create trigger probe_refuse_marked_entry before insert on audit_log for each row execute function probe_refuse_marked_entry()'));
    try {
      const res = await h.app.inject({ method: 'PATCH', url: `/enterprises/${id}`, headers: admin.headers, payload: { name: marker, blacklisted: true, reason: 'probe' } });
      expect(res.statusCode).toBe(500);
      const [row] = await h.database.db.select().from(enterprises).where(eq(enterprises.id, id));
      expect(row).toMatchObject({ blacklisted: false });
      expect(row?.name).not.toBe(marker);

      const user = await h.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id: marker, name: marker, role: 'officer' } });
      expect(user.statusCode).toBe(500);
      expect((await h.app.inject({ url: `/users?after=${marker.slice(0, -1)}&limit=5`, headers: admin.headers })).json().items.map((u: { id: string }) => u.id)).not.toContain(marker);
    } finally {
      await superuser.db.execute(sql.raw('drop trigger probe_refuse_marked_entry on audit_log'));
      await superuser.db.execute(sql.raw('drop function probe_refuse_marked_entry()'));
    }
    // Without the fault the same change goes through with its entry.
    const ok = await h.app.inject({ method: 'PATCH', url: `/enterprises/${id}`, headers: admin.headers, payload: { blacklisted: true, reason: 'probe' } });
    expect(ok.statusCode).toBe(200);
    const entries = await h.database.db.select().from(auditLog).where(eq(auditLog.actor, admin.actor.userId));
    expect(entries.filter((e) => e.action === 'enterprise-changed' && (e.detail as { enterpriseId?: string }).enterpriseId === id)).toHaveLength(1);
  });
});
