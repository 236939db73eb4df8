// Enterprises that apply (an API-owned table: the office registers them; the
// applicant's district registration and blacklist flag come from here, never from a
// request body).
import { asc, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterprises } from '../../db/schema.js';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type NewEnterprise = typeof enterprises.$inferInsert;

export async function findEnterprise(db: Database, id: string): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id)).limit(1);
  return row;
}

export async function insertEnterprise(db: Database, enterprise: NewEnterprise): Promise<boolean> {
  const inserted = await db.insert(enterprises).values(enterprise).onConflictDoNothing({ target: enterprises.id }).returning({ id: enterprises.id });
  return inserted.length === 1;
}

export async function updateEnterprise(
  db: Database,
  id: string,
  changes: Partial<Pick<EnterpriseRow, 'name' | 'organisation' | 'registeredInDistrict' | 'blacklisted'>>,
): Promise<EnterpriseRow | undefined> {
  if (Object.keys(changes).length === 0) return findEnterprise(db, id);
  const [row] = await db.update(enterprises).set(changes).where(eq(enterprises.id, id)).returning();
  return row;
}

export async function listEnterprises(db: Database, filter: { after?: string | undefined; limit: number }): Promise<EnterpriseRow[]> {
  return db
    .select()
    .from(enterprises)
    .where(filter.after ? gt(enterprises.id, filter.after) : undefined)
    .orderBy(asc(enterprises.id))
    .limit(filter.limit);
}
