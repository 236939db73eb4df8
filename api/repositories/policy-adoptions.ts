// The adoption of each policy version, written with its audit entry in one transaction.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditLog, policyAdoptions } from '../../db/schema.js';

export type PolicyAdoptionRow = typeof policyAdoptions.$inferSelect;

export interface NewPolicyAdoption {
  policyVersion: string;
  adoptedBy: string;
  documentNumber: string;
  decisionDate: string;
  effectiveFrom: string;
  note?: string | undefined;
}

export async function listPolicyAdoptions(db: Database): Promise<PolicyAdoptionRow[]> {
  return db.select().from(policyAdoptions);
}

/** Records the adoption; undefined when the version already has one (it is recorded once). */
export async function recordPolicyAdoption(db: Database, adoption: NewPolicyAdoption): Promise<PolicyAdoptionRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(policyAdoptions)
      .values({ ...adoption, note: adoption.note ?? null })
      .onConflictDoNothing({ target: policyAdoptions.policyVersion })
      .returning();
    if (!row) return undefined;
    await tx.insert(auditLog).values({
      eventKey: `api:policy-version-adopted:${adoption.policyVersion}:${randomUUID()}`,
      caseId: null,
      actor: adoption.adoptedBy,
      action: 'policy-version-adopted',
      reason: adoption.note ?? null,
      detail: { policyVersion: row.policyVersion, documentNumber: row.documentNumber, decisionDate: row.decisionDate, effectiveFrom: row.effectiveFrom },
    });
    return row;
  });
}

export async function findPolicyAdoption(db: Database, policyVersion: string): Promise<PolicyAdoptionRow | undefined> {
  const [row] = await db.select().from(policyAdoptions).where(eq(policyAdoptions.policyVersion, policyVersion));
  return row;
}
