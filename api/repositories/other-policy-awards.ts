// The register of awards under other district support policies (第十三条). Every
// change is written with its audit entry in one transaction.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditLog, otherPolicyAwards } from '../../db/schema.js';

export type OtherPolicyAwardRow = typeof otherPolicyAwards.$inferSelect;

export interface NewOtherPolicyAward {
  enterpriseId: string;
  policyName: string;
  documentNumber: string;
  costCategory: string;
  periodStart: string;
  periodEnd: string;
  amountFen: number;
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function audit(tx: Tx, actor: string, action: string, detail: unknown, reason?: string): Promise<void> {
  await tx.insert(auditLog).values({ eventKey: `api:${action}:${randomUUID()}`, caseId: null, actor, action, reason: reason ?? null, detail });
}

export async function recordOtherPolicyAward(db: Database, award: NewOtherPolicyAward, actor: string, reason?: string): Promise<OtherPolicyAwardRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(otherPolicyAwards).values({ ...award, recordedBy: actor }).returning();
    if (!row) throw new Error('the register returned no row for an insert');
    await audit(tx, actor, 'other-policy-award-recorded', { id: row.id, ...award }, reason);
    return row;
  });
}

/** Withdraws a wrongly recorded entry; undefined when there is none, or it was already withdrawn. */
export async function withdrawOtherPolicyAward(db: Database, id: number, actor: string, reason: string): Promise<OtherPolicyAwardRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(otherPolicyAwards)
      .set({ withdrawnAt: new Date(), withdrawnBy: actor })
      .where(and(eq(otherPolicyAwards.id, id), isNull(otherPolicyAwards.withdrawnAt)))
      .returning();
    if (row) await audit(tx, actor, 'other-policy-award-withdrawn', { id, enterpriseId: row.enterpriseId }, reason);
    return row;
  });
}

export async function findOtherPolicyAward(db: Database, id: number): Promise<OtherPolicyAwardRow | undefined> {
  const [row] = await db.select().from(otherPolicyAwards).where(eq(otherPolicyAwards.id, id));
  return row;
}

export async function listOtherPolicyAwards(db: Database, filter: { enterpriseId?: string | undefined; includeWithdrawn: boolean; after?: number | undefined; limit: number }): Promise<OtherPolicyAwardRow[]> {
  const conditions: SQL[] = [];
  if (filter.enterpriseId !== undefined) conditions.push(eq(otherPolicyAwards.enterpriseId, filter.enterpriseId));
  if (!filter.includeWithdrawn) conditions.push(isNull(otherPolicyAwards.withdrawnAt));
  if (filter.after !== undefined) conditions.push(gt(otherPolicyAwards.id, filter.after));
  return db.select().from(otherPolicyAwards).where(and(...conditions)).orderBy(asc(otherPolicyAwards.id)).limit(filter.limit);
}
