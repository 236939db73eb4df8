// Payment instructions. The payment key (case, support year, component) is unique in
// the database, so however often this activity runs, one instruction exists.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { auditLog, payments } from '../db/schema.js';

export interface PaymentToInstruct {
  caseId: string;
  program: string;
  supportYear: number;
  component: string;
  amountFen: number;
}

export interface PaymentInstruction {
  paymentKey: string;
  amountFen: number;
  status: string;
}

export const paymentKeyOf = (p: Pick<PaymentToInstruct, 'caseId' | 'supportYear' | 'component'>): string =>
  `${p.caseId}:y${p.supportYear}:${p.component}`;

export function createPaymentActivities(db: Database) {
  return {
    async instructPayment(payment: PaymentToInstruct): Promise<PaymentInstruction> {
      const paymentKey = paymentKeyOf(payment);
      await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(payments)
          .values({ paymentKey, ...payment, status: 'instructed' })
          .onConflictDoNothing({ target: payments.paymentKey })
          .returning({ id: payments.id });
        if (inserted.length > 0) {
          await tx.insert(auditLog).values({
            eventKey: `payment-instructed:${paymentKey}`,
            caseId: payment.caseId,
            actor: 'system',
            action: 'payment-instructed',
            detail: { paymentKey, amountFen: payment.amountFen },
          });
        }
      });
      const [row] = await db.select().from(payments).where(eq(payments.paymentKey, paymentKey));
      if (!row) throw new Error(`payment ${paymentKey} vanished after insert`);
      return { paymentKey, amountFen: row.amountFen, status: row.status };
    },
  };
}
