// 追回: when an award is revoked, every payment made is to be repaid, per year and
// component; instructions not yet paid are cancelled. Tracked until finance confirms.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { payments, recoveries } from '../db/schema.js';
import type { Actor } from '../domain/vocabulary.js';
import { writeAudit } from './audit.js';

export interface RecoveryItem {
  recoveryKey: string;
  supportYear: number;
  component: string;
  amountFen: number;
}

export interface RecoveryOpening {
  caseId: string;
  grounds: string;
  actor: string;
  reason: string;
}

export interface RepaymentRecord {
  caseId: string;
  actor: Actor;
  reference: string;
}

export function createRecoveryActivities(db: Database) {
  return {
    async openRecovery(opening: RecoveryOpening): Promise<RecoveryItem[]> {
      return db.transaction(async (tx) => {
        await tx
          .update(payments)
          .set({ status: 'cancelled', failureReason: 'award revoked before payment' })
          .where(and(eq(payments.caseId, opening.caseId), eq(payments.status, 'instructed')));
        const paid = await tx.select().from(payments).where(and(eq(payments.caseId, opening.caseId), eq(payments.status, 'paid')));
        const items = paid.map((p) => ({ recoveryKey: `${p.paymentKey}:recovery`, supportYear: p.supportYear, component: p.component, amountFen: p.amountFen }));
        if (items.length > 0) {
          await tx
            .insert(recoveries)
            .values(items.map((item) => ({ ...item, caseId: opening.caseId, grounds: opening.grounds, status: 'open' })))
            .onConflictDoNothing({ target: recoveries.recoveryKey });
        }
        await writeAudit(tx, {
          eventKey: `${opening.caseId}:revoked`,
          caseId: opening.caseId,
          actor: opening.actor,
          action: 'award-revoked',
          detail: { grounds: opening.grounds, recoveries: items, totalFen: items.reduce((a, i) => a + i.amountFen, 0) },
          reason: opening.reason,
        });
        return items;
      });
    },

    async confirmRepayment(repayment: RepaymentRecord): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(recoveries)
          .set({ status: 'repaid', reference: repayment.reference, settledAt: sql`now()`, settledBy: repayment.actor.userId })
          .where(and(eq(recoveries.caseId, repayment.caseId), eq(recoveries.status, 'open')));
        await writeAudit(tx, {
          eventKey: `${repayment.caseId}:repaid`,
          caseId: repayment.caseId,
          actor: repayment.actor.userId,
          action: 'repayment-confirmed',
          detail: { reference: repayment.reference },
        });
      });
    },
  };
}
