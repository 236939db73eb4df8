// Sessions of people signed in to the workspace, and the password columns of users.
// The cookie holds a random id; only its SHA-256 is stored, so a leaked table signs
// nobody in.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';

export type SessionRow = typeof sessions.$inferSelect;

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('base64url');

export interface NewSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Database, user: { id: string; role: string; enterpriseId: string | null }, expiresAt: Date): Promise<NewSession> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({ idHash: hashSessionId(id), userId: user.id, role: user.role, enterpriseId: user.enterpriseId, csrfToken, expiresAt });
  return { id, csrfToken, expiresAt };
}

export type LiveSession = SessionRow & { passwordMustChange: boolean };

export async function findLiveSession(db: Database, id: string, now: Date): Promise<LiveSession | undefined> {
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      userId: sessions.userId,
      role: sessions.role,
      enterpriseId: sessions.enterpriseId,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      passwordMustChange: users.passwordMustChange,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, hashSessionId(id)), gt(sessions.expiresAt, now)))
    .limit(1);
  return row;
}

export async function endSession(db: Database, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
}

/** Ends every session of a user (deactivation, password change, role change). */
export async function endSessionsOf(db: Database, userId: string, except?: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), except ? sql`${sessions.idHash} <> ${hashSessionId(except)}` : undefined));
}

export interface PasswordRecord {
  id: string;
  role: string;
  enterpriseId: string | null;
  active: boolean;
  passwordHash: string | null;
  passwordMustChange: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
}

export async function findPasswordRecord(db: Database, userId: string): Promise<PasswordRecord | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      enterpriseId: users.enterpriseId,
      active: users.active,
      passwordHash: users.passwordHash,
      passwordMustChange: users.passwordMustChange,
      failedSignIns: users.failedSignIns,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

/** One more failure; at the limit the account locks until `lockUntil` and the count starts again. */
export async function recordFailedSignIn(db: Database, userId: string, maxFailures: number, lockUntil: Date): Promise<void> {
  await db
    .update(users)
    .set({
      failedSignIns: sql`case when ${users.failedSignIns} + 1 >= ${maxFailures} then 0 else ${users.failedSignIns} + 1 end`,
      lockedUntil: sql`case when ${users.failedSignIns} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId));
}

export async function recordSuccessfulSignIn(db: Database, userId: string): Promise<void> {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(and(eq(users.id, userId), sql`(${users.failedSignIns} <> 0 or ${users.lockedUntil} is not null)`));
}

/** Sets a password: `mustChange` when the admin sets it (initial or reset), false when the user chose it. */
export async function setPassword(db: Database, userId: string, passwordHash: string, mustChange: boolean): Promise<boolean> {
  const updated = await db.update(users).set({ passwordHash, passwordMustChange: mustChange, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId)).returning({ id: users.id });
  return updated.length === 1;
}
