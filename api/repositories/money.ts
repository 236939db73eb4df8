// Payments and approved amounts (written by activities), for case detail, totals and
// the finance and public-notice exports.
import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { budgetReservations, cases, enterprises, payments, recoveries } from '../../db/schema.js';

export type PaymentRow = typeof payments.$inferSelect;

export async function paymentsOfCase(db: Database, caseId: string): Promise<PaymentRow[]> {
  return db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.id));
}


export interface ProgramYearSum {
  program: string;
  /** The budget year: the annual notice whose budget the money draws on. */
  year: number;
  fen: number;
}

export interface ProgramYearApproved extends ProgramYearSum {
  /** Reservations approved over what was left of the budget (with a reason). */
  overBudgetCount: number;
}

/**
 * Approved: what approvals have reserved on each program's budget of each year
 * (budget_reservations, one row per case and support year; released rows left out).
 * This is the same sum the committee's budget check counts, so budget less approved
 * is exactly what a committee sees as left.
 */
export async function approvedByProgramYear(db: Database, year?: number): Promise<ProgramYearApproved[]> {
  return db
    .select({
      program: budgetReservations.program,
      year: budgetReservations.budgetYear,
      fen: sql<number>`coalesce(sum(${budgetReservations.amountFen}), 0)::bigint`.mapWith(Number),
      overBudgetCount: sql<number>`count(*) filter (where ${budgetReservations.overBudgetReason} is not null)::int`.mapWith(Number),
    })
    .from(budgetReservations)
    .where(and(eq(budgetReservations.status, 'reserved'), year !== undefined ? eq(budgetReservations.budgetYear, year) : undefined))
    .groupBy(budgetReservations.program, budgetReservations.budgetYear);
}

/** The reservation a payment was approved under: same case and support year. */
const reservationOfPayment = and(eq(budgetReservations.caseId, payments.caseId), eq(budgetReservations.supportYear, payments.supportYear));

/**
 * The budget year a payment draws on: its reservation's (a deferred approval draws on
 * the next year's budget); without a reservation (payments older than reservations),
 * the calendar year of its support year, notice year + support year − 1.
 */
const paymentBudgetYear = sql<number>`coalesce(${budgetReservations.budgetYear}, ${payments.noticeYear} + ${payments.supportYear} - 1)`.mapWith(Number);

/** Paid: payments confirmed by finance, by program and the budget year they draw on. */
export async function paidByProgramYear(db: Database, year?: number): Promise<ProgramYearSum[]> {
  return db
    .select({ program: payments.program, year: paymentBudgetYear, fen: sql<number>`coalesce(sum(${payments.amountFen}), 0)::bigint`.mapWith(Number) })
    .from(payments)
    .leftJoin(budgetReservations, reservationOfPayment)
    .where(and(eq(payments.status, 'paid'), year !== undefined ? sql`${paymentBudgetYear} = ${year}` : undefined))
    .groupBy(payments.program, paymentBudgetYear);
}

/** Payment instructions drawing on a year's budget (as the totals count them), for finance. */
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
    .leftJoin(budgetReservations, reservationOfPayment)
    .where(sql`${paymentBudgetYear} = ${year}`)
    .orderBy(asc(payments.program), asc(payments.caseId), asc(payments.id));
}

/**
 * The approvals a year's public notice lists: each support year's approval (its
 * budget reservation, not given back) in the year it was decided, notice year +
 * support year − 1, so a multi-year award appears again each year with that year's
 * amount. Rejected and withdrawn cases are left out.
 */
export async function approvalsForNotice(db: Database, year: number) {
  return db
    .select({
      caseId: cases.id,
      program: cases.program,
      policyVersion: cases.policyVersion,
      enterpriseName: enterprises.name,
      enterpriseId: cases.enterpriseId,
      supportYear: budgetReservations.supportYear,
      amountFen: budgetReservations.amountFen,
    })
    .from(budgetReservations)
    .innerJoin(cases, eq(cases.id, budgetReservations.caseId))
    .leftJoin(enterprises, eq(enterprises.id, cases.enterpriseId))
    .where(
      and(
        eq(budgetReservations.status, 'reserved'),
        notInArray(cases.status, ['rejected', 'withdrawn']),
        sql`${cases.noticeYear} + ${budgetReservations.supportYear} - 1 = ${year}`,
      ),
    )
    .orderBy(asc(cases.program), asc(cases.id), asc(budgetReservations.supportYear));
}

/** The reservation a recovery's year was approved under: same case and support year. */
const reservationOfRecovery = and(eq(budgetReservations.caseId, recoveries.caseId), eq(budgetReservations.supportYear, recoveries.supportYear));
const recoveryBudgetYear = sql<number>`coalesce(${budgetReservations.budgetYear}, ${cases.noticeYear} + ${recoveries.supportYear} - 1)`.mapWith(Number);

export interface ProgramYearRecovered {
  program: string;
  year: number;
  /** Confirmed by finance as repaid. */
  recoveredFen: number;
  /** Still to be repaid. */
  owedFen: number;
}

/** 追回 by program and the budget year the recovered money was paid from (as paid money is counted). */
export async function recoveredByProgramYear(db: Database, year?: number): Promise<ProgramYearRecovered[]> {
  return db
    .select({
      program: cases.program,
      year: recoveryBudgetYear,
      recoveredFen: sql<number>`coalesce(sum(${recoveries.amountFen}) filter (where ${recoveries.status} = 'repaid'), 0)::bigint`.mapWith(Number),
      owedFen: sql<number>`coalesce(sum(${recoveries.amountFen}) filter (where ${recoveries.status} = 'open'), 0)::bigint`.mapWith(Number),
    })
    .from(recoveries)
    .innerJoin(cases, eq(cases.id, recoveries.caseId))
    .leftJoin(budgetReservations, reservationOfRecovery)
    .where(year !== undefined ? sql`${recoveryBudgetYear} = ${year}` : undefined)
    .groupBy(cases.program, recoveryBudgetYear);
}

/** Recoveries of the payments a year's export lists (same case, support year and component). */
export async function recoveriesForExport(db: Database, year: number) {
  return db
    .select({
      caseId: recoveries.caseId,
      supportYear: recoveries.supportYear,
      component: recoveries.component,
      amountFen: recoveries.amountFen,
      status: recoveries.status,
      reference: recoveries.reference,
      settledAt: recoveries.settledAt,
    })
    .from(recoveries)
    .innerJoin(cases, eq(cases.id, recoveries.caseId))
    .leftJoin(budgetReservations, reservationOfRecovery)
    .where(sql`${recoveryBudgetYear} = ${year}`);
}
