// Payments and approved amounts (written by activities), for case detail, totals and
// the finance and public-notice exports.
import { and, asc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, enterprises, payments } from '../../db/schema.js';

export type PaymentRow = typeof payments.$inferSelect;

export async function paymentsOfCase(db: Database, caseId: string): Promise<PaymentRow[]> {
  return db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.id));
}

/** Cases whose amount stands: approved and neither rejected nor withdrawn afterwards. */
const standing = and(isNotNull(cases.approvedAmountFen), notInArray(cases.status, ['rejected', 'withdrawn']));

export interface ProgramYearSum {
  program: string;
  year: number;
  fen: number;
}

export async function approvedByProgramYear(db: Database, year?: number): Promise<ProgramYearSum[]> {
  return db
    .select({ program: cases.program, year: cases.noticeYear, fen: sql<number>`coalesce(sum(${cases.approvedAmountFen}), 0)::bigint`.mapWith(Number) })
    .from(cases)
    .where(and(standing, year !== undefined ? eq(cases.noticeYear, year) : undefined))
    .groupBy(cases.program, cases.noticeYear);
}

export async function paidByProgramYear(db: Database, year?: number): Promise<ProgramYearSum[]> {
  return db
    .select({ program: payments.program, year: payments.noticeYear, fen: sql<number>`coalesce(sum(${payments.amountFen}), 0)::bigint`.mapWith(Number) })
    .from(payments)
    .where(and(eq(payments.status, 'paid'), year !== undefined ? eq(payments.noticeYear, year) : undefined))
    .groupBy(payments.program, payments.noticeYear);
}

export async function paymentsForExport(db: Database, year: number) {
  return db
    .select({
      paymentKey: payments.paymentKey,
      caseId: payments.caseId,
      program: payments.program,
      enterpriseId: cases.enterpriseId,
      enterpriseName: enterprises.name,
      supportYear: payments.supportYear,
      component: payments.component,
      amountFen: payments.amountFen,
      status: payments.status,
      attempts: payments.attempts,
      reference: payments.reference,
      settledAt: payments.settledAt,
    })
    .from(payments)
    .innerJoin(cases, eq(cases.id, payments.caseId))
    .leftJoin(enterprises, eq(enterprises.id, cases.enterpriseId))
    .where(eq(payments.noticeYear, year))
    .orderBy(asc(payments.program), asc(payments.caseId), asc(payments.id));
}

export async function approvedCasesForNotice(db: Database, year: number) {
  return db
    .select({
      caseId: cases.id,
      program: cases.program,
      enterpriseName: enterprises.name,
      enterpriseId: cases.enterpriseId,
      amountFen: cases.approvedAmountFen,
    })
    .from(cases)
    .leftJoin(enterprises, eq(enterprises.id, cases.enterpriseId))
    .where(and(standing, eq(cases.noticeYear, year), inArray(cases.stage, ['public-notice', 'disbursement', 'closed'])))
    .orderBy(asc(cases.program), asc(cases.id));
}
