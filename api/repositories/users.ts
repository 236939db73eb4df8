// People who use the system (an API-owned table: the admin creates them).
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** What authentication needs of a user on every request. */
export type UserStanding = Pick<UserRow, 'active' | 'role' | 'enterpriseId'>;

// Every authenticated request loads its user's standing: built once per database.
const standingQueries = new WeakMap<Database, ReturnType<typeof prepareStanding>>();
const prepareStanding = (db: Database) =>
  db
    .select({ active: users.active, role: users.role, enterpriseId: users.enterpriseId })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1)
    .prepare('user_standing');

export async function findUserStanding(db: Database, id: string): Promise<UserStanding | undefined> {
  let query = standingQueries.get(db);
  if (!query) standingQueries.set(db, (query = prepareStanding(db)));
  const [row] = await query.execute({ id });
  return row;
}

const findUserQueries = new WeakMap<Database, ReturnType<typeof prepareFindUser>>();
const prepareFindUser = (db: Database) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1)
    .prepare('find_user');

export async function findUser(db: Database, id: string): Promise<UserRow | undefined> {
  let query = findUserQueries.get(db);
  if (!query) findUserQueries.set(db, (query = prepareFindUser(db)));
  const [row] = await query.execute({ id });
  return row;
}

/** Inserts the user; false when the id is taken. */
export async function insertUser(db: Database, user: NewUser): Promise<boolean> {
  const inserted = await db.insert(users).values(user).onConflictDoNothing({ target: users.id }).returning({ id: users.id });
  return inserted.length === 1;
}

export async function updateUser(db: Database, id: string, changes: Partial<Pick<UserRow, 'name' | 'active' | 'organisation' | 'specialties' | 'relatedEnterpriseIds'>>): Promise<UserRow | undefined> {
  if (Object.keys(changes).length === 0) return findUser(db, id);
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}

export async function listUsers(db: Database, filter: { role?: string | undefined; after?: string | undefined; limit: number }): Promise<UserRow[]> {
  const conditions = [filter.role ? eq(users.role, filter.role) : undefined, filter.after ? gt(users.id, filter.after) : undefined];
  return db.select().from(users).where(and(...conditions)).orderBy(asc(users.id)).limit(filter.limit);
}
