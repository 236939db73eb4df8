// Administration from the command line: create users and enterprises, issue tokens,
// deactivate users. Works on the database directly (DATABASE_URL, or the main job's
// embedded PGlite in .data/pglite when the main job is not running) and records each
// action in the audit log as `admin-cli`.
//
//   npm run admin -- create-enterprise --id ent-x --name 某公司 --organisation 某集团 [--not-in-district] [--blacklisted]
//   npm run admin -- create-user --id u1 --name 张三 --role applicant --enterprise ent-x
//   npm run admin -- create-user --id e9 --name 专家 --role expert --organisation 清华大学 --specialties compute,data
//   npm run admin -- create-user --id o2 --name 李四 --role officer --password 'initial-pass-1'
//   npm run admin -- set-password --id o2 --password 'another-pass-2'   (the next sign-in must change it)
//   npm run admin -- issue-token --id u1 [--ttl 8h]
//   npm run admin -- deactivate --id u1
//   npm run admin -- list-users [--role expert]
//
// PGlite serves one process: while `npm start` runs on it, this command refuses and
// shows the same action through the API (POST /users, POST /users/{id}/tokens …)
// with an admin token, which is what to use then.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createTokenService } from '../api/auth.js';
import { endSessionsOf, setPassword } from '../api/repositories/sessions.js';
import { newPasswordSchema } from '../api/sign-in/password-schema.js';
import { hashPassword } from '../api/sign-in/passwords.js';
import { parseTtlSeconds } from '../api/ttl.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import type { Database, DatabaseHandle } from '../db/client.js';
import { auditLog, enterprises, users } from '../db/schema.js';
import { Role } from '../domain/vocabulary.js';
import { BAD_CONFIGURATION_EXIT, StartupError } from '../startup/errors.js';
import { persistentSecret, runningMainJob } from './auth-secret.js';

const USAGE = `usage: npm run admin -- <command> [options]
  create-enterprise --id ID --name NAME --organisation ORG [--not-in-district] [--blacklisted]
  create-user --id ID --name NAME --role ROLE [--enterprise ID] [--organisation ORG] [--specialties a,b] [--password INITIAL]
  set-password --id ID --password INITIAL   (workspace sign-in; the next sign-in must change it)
  issue-token --id ID [--ttl 8h]
  deactivate --id ID
  list-users [--role ROLE]
roles: ${Object.values(Role).join(', ')}`;

const dataDir = process.env.DATA_DIR ?? '.data';
const ROLES = Object.values(Role) as string[];
const isRole = (value: string): value is Role => ROLES.includes(value);
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

class UsageError extends Error {}

function passwordOf(value: string | undefined): string {
  const parsed = newPasswordSchema.safeParse(need(value, '--password'));
  if (!parsed.success) throw new UsageError(`--password: ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return parsed.data;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

function idOf(value: string | undefined, flag: string): string {
  const id = need(value, flag);
  if (!ID.test(id)) throw new UsageError(`${flag}: use 2 to 64 letters, digits, ".", "-" or "_"`);
  return id;
}

async function audit(db: Database, action: string, detail: unknown): Promise<void> {
  await db.insert(auditLog).values({ eventKey: `cli:${action}:${Date.now()}:${Math.random().toString(36).slice(2)}`, actor: 'admin-cli', action, detail });
}

type Values = Record<string, string | boolean | undefined>;

async function run(command: string, v: Values, db: Database): Promise<string> {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  switch (command) {
    case 'create-enterprise': {
      const row = {
        id: idOf(str('id'), '--id'),
        name: need(str('name'), '--name'),
        organisation: need(str('organisation'), '--organisation'),
        registeredInDistrict: v['not-in-district'] !== true,
        blacklisted: v.blacklisted === true,
      };
      const inserted = await db.insert(enterprises).values(row).onConflictDoNothing().returning({ id: enterprises.id });
      if (inserted.length === 0) throw new UsageError(`an enterprise ${row.id} already exists`);
      await audit(db, 'enterprise-registered', row);
      return `enterprise ${row.id} created`;
    }
    case 'create-user': {
      const role = need(str('role'), '--role');
      if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const enterpriseId = str('enterprise');
      if (role === Role.Applicant && !enterpriseId) throw new UsageError('an applicant acts for one enterprise: give --enterprise');
      if (role !== Role.Applicant && enterpriseId) throw new UsageError('only an applicant acts for an enterprise');
      if (enterpriseId && (await db.select().from(enterprises).where(eq(enterprises.id, enterpriseId))).length === 0) {
        throw new UsageError(`no enterprise ${enterpriseId} (create it first with create-enterprise)`);
      }
      const row = {
        id: idOf(str('id'), '--id'),
        name: need(str('name'), '--name'),
        role,
        enterpriseId: enterpriseId ?? null,
        organisation: str('organisation') ?? null,
        specialties: (str('specialties') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      };
      const initial = str('password');
      const password = initial === undefined ? {} : { passwordHash: await hashPassword(passwordOf(initial)), passwordMustChange: true };
      const inserted = await db.insert(users).values({ ...row, ...password }).onConflictDoNothing().returning({ id: users.id });
      if (inserted.length === 0) throw new UsageError(`a user ${row.id} already exists`);
      await audit(db, 'user-created', { ...row, initialPasswordSet: initial !== undefined });
      return `user ${row.id} (${role}) created; ${initial === undefined ? `issue a token with: npm run admin -- issue-token --id ${row.id}` : 'it signs in to the workspace with that password and must change it'}`;
    }
    case 'set-password': {
      const id = idOf(str('id'), '--id');
      const hash = await hashPassword(passwordOf(str('password')));
      if (!(await setPassword(db, id, hash, true))) throw new UsageError(`no user ${id}`);
      await endSessionsOf(db, id);
      await audit(db, 'user-changed', { userId: id, passwordReset: true });
      return `password of ${id} set; the next sign-in must change it`;
    }
    case 'issue-token': {
      const id = idOf(str('id'), '--id');
      const ttl = parseTtlSeconds(str('ttl'));
      if (typeof ttl === 'string') throw new UsageError(`--ttl ${ttl}`);
      const [user] = await db.select().from(users).where(eq(users.id, id));
      if (!user) throw new UsageError(`no user ${id}`);
      if (!user.active) throw new UsageError(`user ${id} is deactivated`);
      const tokens = createTokenService(persistentSecret(dataDir));
      const issued = await tokens.issueWithExpiry({ userId: user.id, role: user.role as Role, ...(user.enterpriseId && { enterpriseId: user.enterpriseId }) }, ttl);
      await audit(db, 'token-issued', { userId: id, expiresAt: issued.expiresAt });
      return `${issued.token}\n(expires ${issued.expiresAt})`;
    }
    case 'deactivate': {
      const id = idOf(str('id'), '--id');
      const updated = await db.update(users).set({ active: false }).where(eq(users.id, id)).returning({ id: users.id });
      if (updated.length === 0) throw new UsageError(`no user ${id}`);
      await endSessionsOf(db, id);
      await audit(db, 'user-deactivated', { userId: id });
      return `user ${id} deactivated: its tokens and sessions no longer work`;
    }
    case 'list-users': {
      const role = str('role');
      if (role !== undefined && !isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const rows = await db.select().from(users).where(role ? eq(users.role, role) : undefined).orderBy(users.id);
      return rows.map((u) => `${u.id.padEnd(20)} ${u.role.padEnd(10)} ${u.active ? 'active  ' : 'inactive'} ${u.enterpriseId ?? u.organisation ?? ''}  ${u.name}`).join('\n');
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** What the same action looks like through the running API. */
function viaApi(command: string, v: Values, apiUrl: string): string {
  const auth = '-H "authorization: Bearer <admin token printed by npm start>"';
  const json = (body: unknown) => `-H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
  switch (command) {
    case 'create-user':
      return `curl -X POST ${apiUrl}/users ${auth} ${json({ id: v.id, name: v.name, role: v.role, ...(v.password && { initialPassword: v.password }), ...(v.enterprise && { enterpriseId: v.enterprise }), ...(v.organisation && { organisation: v.organisation }), ...(typeof v.specialties === 'string' && { specialties: v.specialties.split(',') }) })}`;
    case 'create-enterprise':
      return `curl -X POST ${apiUrl}/enterprises ${auth} ${json({ id: v.id, name: v.name, organisation: v.organisation, registeredInDistrict: v['not-in-district'] !== true, blacklisted: v.blacklisted === true })}`;
    case 'issue-token':
      return `curl -X POST ${apiUrl}/users/${String(v.id)}/tokens ${auth} ${json({ ttl: v.ttl ?? '8h' })}`;
    case 'deactivate':
      return `curl -X PATCH ${apiUrl}/users/${String(v.id)} ${auth} ${json({ active: false })}`;
    case 'set-password':
      return `curl -X PATCH ${apiUrl}/users/${String(v.id)} ${auth} ${json({ password: v.password })}`;
    default:
      return `curl ${apiUrl}/users ${auth}`;
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      enterprise: { type: 'string' },
      organisation: { type: 'string' },
      specialties: { type: 'string' },
      ttl: { type: 'string' },
      password: { type: 'string' },
      'not-in-district': { type: 'boolean' },
      blacklisted: { type: 'boolean' },
    },
    strict: true,
  });
  const url = process.env.DATABASE_URL;
  if (!url) {
    const job = runningMainJob(dataDir);
    if (job) {
      console.error(
        [
          `The main job (pid ${job.pid}) is running on the embedded database ${join(dataDir, 'pglite')}, which serves one process only.`,
          'Stop it (Ctrl-C) and run this again, or do the same through its API with the admin token it printed:',
          `  ${viaApi(command, values, job.apiUrl)}`,
        ].join('\n'),
      );
      return 3;
    }
  }
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ url, pgliteDataDir: join(dataDir, 'pglite'), maxConnections: 1 });
    await migrateDatabase(handle);
    // A change and its audit entry commit together, or neither does.
    const db = handle.db;
    console.log(await db.transaction((tx) => run(command, values, tx)));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`admin: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof StartupError) {
      console.error(`admin: ${error.message}`);
      return BAD_CONFIGURATION_EXIT;
    }
    throw error;
  } finally {
    await handle?.close();
  }
}

const isArgsError = (error: unknown): error is Error => error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isArgsError(error)) {
      console.error(`admin: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
