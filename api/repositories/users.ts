// People who use the system (an API-owned table: the admin creates them).
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { Role } from '../../domain/vocabulary.js';
import { oncePerDatabase } from './once-per-database.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** What authentication needs of a user on every request. */
export type UserStanding = Pick<UserRow, 'active' | 'role' | 'enterpriseId'>;

const byId = sql.placeholder('id');
// Every authenticated request may read its user's standing: prepared once per database.
const standingQuery = oncePerDatabase((db) =>
  db.select({ active: users.active, role: users.role, enterpriseId: users.enterpriseId }).from(users).where(eq(users.id, byId)).limit(1).prepare('user_standing'),
);
const userQuery = oncePerDatabase((db) => db.select().from(users).where(eq(users.id, byId)).limit(1).prepare('find_user'));

export async function findUserStanding(db: Database, id: string): Promise<UserStanding | undefined> {
  const [row] = await standingQuery(db).execute({ id });
  return row;
}

export async function findUser(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await userQuery(db).execute({ id });
  return row;
}

/** Inserts the user; false when the id is taken. */
export async function insertUser(db: Database, user: NewUser): Promise<boolean> {
  const inserted = await db.insert(users).values(user).onConflictDoNothing({ target: users.id }).returning({ id: users.id });
  return inserted.length === 1;
}

export async function updateUser(db: Database, id: string, changes: Partial<Pick<UserRow, 'name' | 'role' | 'enterpriseId' | 'active' | 'organisation' | 'specialties' | 'relatedEnterpriseIds' | 'email'>>): Promise<UserRow | undefined> {
  if (Object.keys(changes).length === 0) return findUser(db, id);
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}

export async function listUsers(db: Database, filter: { role?: Role | undefined; after?: string | undefined; limit: number }): Promise<UserRow[]> {
  const conditions = [filter.role ? eq(users.role, filter.role) : undefined, filter.after ? gt(users.id, filter.after) : undefined];
  return db.select().from(users).where(and(...conditions)).orderBy(asc(users.id)).limit(filter.limit);
}
