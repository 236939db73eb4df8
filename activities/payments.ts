// Payment instructions. The payment key (case, support year, component) is unique in
// the database, so however often these activities run, one instruction exists per
// approved amount; a failed payment is re-sent under the same key, counted by attempt.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { payments } from '../db/schema.js';
import type { Actor } from '../domain/vocabulary.js';
import { writeAudit } from './audit.js';

export interface PaymentToInstruct {
  caseId: string;
  program: string;
  noticeYear: number;
  supportYear: number;
  component: string;
  amountFen: number;
}

export interface PaymentInstruction {
  paymentKey: string;
  amountFen: number;
  status: string;
  attempts: number;
}

export interface PaymentRetry {
  caseId: string;
  paymentKey: string;
  attempt: number;
}

export interface PaymentOutcome {
  caseId: string;
  paymentKey: string;
  attempt: number;
  outcome: 'paid' | 'failed';
  actor: Actor;
  reference?: string;
  reason?: string;
}

export const paymentKeyOf = (p: Pick<PaymentToInstruct, 'caseId' | 'supportYear' | 'component'>): string =>
  `${p.caseId}:y${p.supportYear}:${p.component}`;

export function createPaymentActivities(db: Database) {
  return {
    async instructPayment(payment: PaymentToInstruct): Promise<PaymentInstruction> {
      const paymentKey = paymentKeyOf(payment);
      return db.transaction(async (tx) => {
        await tx
          .insert(payments)
          .values({ paymentKey, ...payment, status: 'instructed' })
          .onConflictDoNothing({ target: payments.paymentKey });
        await writeAudit(tx, {
          eventKey: `${paymentKey}:instructed`,
          caseId: payment.caseId,
          actor: 'system',
          action: 'payment-instructed',
          detail: { paymentKey, amountFen: payment.amountFen },
        });
        const [row] = await tx.select().from(payments).where(eq(payments.paymentKey, paymentKey));
        if (!row) throw new Error(`payment ${paymentKey} is missing after its insert`);
        return { paymentKey, amountFen: row.amountFen, status: row.status, attempts: row.attempts };
      });
    },

    async retryPayment(retry: PaymentRetry): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(payments)
          .set({ status: 'instructed', attempts: retry.attempt, failureReason: null })
          .where(and(eq(payments.paymentKey, retry.paymentKey), lt(payments.attempts, retry.attempt)));
        await writeAudit(tx, {
          eventKey: `${retry.paymentKey}:instructed-${retry.attempt}`,
          caseId: retry.caseId,
          actor: 'system',
          action: 'payment-reinstructed',
          detail: { paymentKey: retry.paymentKey, attempt: retry.attempt },
        });
      });
    },

    async settlePayment(settled: PaymentOutcome): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(payments)
          .set({
            status: settled.outcome,
            reference: settled.reference ?? null,
            failureReason: settled.reason ?? null,
            settledAt: sql`now()`,
            settledBy: settled.actor.userId,
          })
          .where(and(eq(payments.paymentKey, settled.paymentKey), eq(payments.attempts, settled.attempt), eq(payments.status, 'instructed')));
        await writeAudit(tx, {
          eventKey: `${settled.paymentKey}:settled-${settled.attempt}`,
          caseId: settled.caseId,
          actor: settled.actor.userId,
          action: settled.outcome === 'paid' ? 'payment-confirmed' : 'payment-failed',
          detail: { paymentKey: settled.paymentKey, attempt: settled.attempt, reference: settled.reference ?? null },
          reason: settled.reason,
        });
      });
    },
  };
}
