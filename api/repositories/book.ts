// The live book for a policy preview, read from the read model in a handful of
// set-wise queries (not one per case): every running case with its figures per
// support year, the years already approved, the enterprise's standing and earlier
// awards (第十三条), and each program's budget per year with what is reserved of it.
// Reads only.
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { annualNotices, assessments, awards, budgetReservations, cases, enterprises, otherPolicyAwards, yearlyReports } from '../../db/schema.js';
import { BOOK_FORMAT, groupBy, isProgramCode, QUALIFICATIONS } from '../../rules/index.js';
import type { Book, BookCase, Facts, Qualification } from '../../rules/index.js';

const KNOWN_QUALIFICATIONS = new Set<string>(QUALIFICATIONS);

/** Recognitions from a kept assessment's trace, for cases recorded before the cases table kept them. */
function qualificationsFromTrace(result: unknown): Qualification[] | null {
  const trace = (result as { trace?: { step: string; inputs?: { qualifications?: unknown } }[] } | null)?.trace;
  const step = trace?.find((s) => s.step === 'eligibility.qualification');
  const held = step?.inputs?.qualifications;
  return Array.isArray(held) ? (held.filter((q) => typeof q === 'string' && KNOWN_QUALIFICATIONS.has(q)) as Qualification[]) : null;
}

/** Only the defined facts (jsonb may hold nulls where a report left a fact out). */
function factsOf(value: unknown): Facts {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = v;
  return out as Facts;
}

export interface LoadBookOptions {
  /** The day the book is taken (YYYY-MM-DD); default today (UTC). */
  asOf?: string;
  /** Only this case (one case opened in a preview); the enterprises and earlier awards stay whole. */
  caseId?: string;
}

export async function loadBook(db: Database, options: LoadBookOptions = {}): Promise<Book> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const runningCase = options.caseId === undefined ? eq(cases.status, 'in-progress') : and(eq(cases.status, 'in-progress'), eq(cases.id, options.caseId));
  const running = await db
    .select({
      id: cases.id,
      program: cases.program,
      enterpriseId: cases.enterpriseId,
      policyVersion: cases.policyVersion,
      submittedOn: cases.submittedOn,
      noticeYear: cases.noticeYear,
      supportYear: cases.supportYear,
      requestedFacts: cases.requestedFacts,
      qualifications: cases.qualifications,
    })
    .from(cases)
    .where(runningCase)
    .orderBy(cases.id);
  // A subquery, not a list of ids: a book of 100,000 cases exceeds any parameter limit.
  const runningIds = db.select({ id: cases.id }).from(cases).where(runningCase);
  const inRunning = (column: typeof budgetReservations.caseId | typeof yearlyReports.caseId | typeof assessments.caseId) => inArray(column, runningIds);

  const [reservations, reports, kept, enterpriseRows, ownAwards, otherAwards, notices, reserved] = await Promise.all([
    db.select({ caseId: budgetReservations.caseId, supportYear: budgetReservations.supportYear }).from(budgetReservations).where(and(eq(budgetReservations.status, 'reserved'), inRunning(budgetReservations.caseId))),
    db.select().from(yearlyReports).where(inRunning(yearlyReports.caseId)),
    db.select({ caseId: assessments.caseId, supportYear: assessments.supportYear, result: assessments.result }).from(assessments).where(inRunning(assessments.caseId)),
    db.select({ id: enterprises.id, registeredInDistrict: enterprises.registeredInDistrict, blacklisted: enterprises.blacklisted }).from(enterprises),
    // Awards that stand (activities/earlier-awards.ts): their reservation holds and their case was not revoked, rejected or withdrawn.
    db
      .select({ caseId: awards.caseId, enterpriseId: awards.enterpriseId, program: awards.program, supportYear: awards.supportYear, costCategory: awards.costCategory, periodStart: awards.periodStart, periodEnd: awards.periodEnd, amountFen: awards.amountFen })
      .from(awards)
      .innerJoin(budgetReservations, and(eq(budgetReservations.caseId, awards.caseId), eq(budgetReservations.supportYear, awards.supportYear)))
      .innerJoin(cases, eq(cases.id, awards.caseId))
      .where(and(eq(budgetReservations.status, 'reserved'), notInArray(cases.status, ['revoked', 'rejected', 'withdrawn']))),
    db.select().from(otherPolicyAwards).where(isNull(otherPolicyAwards.withdrawnAt)),
    db.select({ year: annualNotices.year, programs: annualNotices.programs }).from(annualNotices),
    db
      .select({ program: budgetReservations.program, year: budgetReservations.budgetYear, fen: sql<number>`coalesce(sum(${budgetReservations.amountFen}), 0)::bigint`.mapWith(Number) })
      .from(budgetReservations)
      .where(eq(budgetReservations.status, 'reserved'))
      .groupBy(budgetReservations.program, budgetReservations.budgetYear),
  ]);

  const decided = groupBy(reservations, (r) => r.caseId);
  const reportsOf = groupBy(reports, (r) => r.caseId);
  const keptOf = groupBy(kept, (r) => r.caseId);

  const bookCases: BookCase[] = [];
  for (const c of running) {
    if (!isProgramCode(c.program)) continue;
    const decidedYears = (decided.get(c.id) ?? []).map((r) => r.supportYear).sort((a, b) => a - b);
    const figures: BookCase['figures'] = [{ supportYear: 1, source: 'application', facts: factsOf(c.requestedFacts) }];
    const priorYears: BookCase['priorYears'] = [];
    for (const r of reportsOf.get(c.id) ?? []) {
      if (r.verifiedFacts) figures.push({ supportYear: r.supportYear, source: 'verified-report', facts: factsOf(r.verifiedFacts) });
      else if (r.facts) figures.push({ supportYear: r.supportYear, source: 'submitted-report', facts: factsOf(r.facts) });
      if (r.supportYear < c.supportYear && (r.status === 'missed' || r.status === 'failed')) priorYears.push({ supportYear: r.supportYear, outcome: r.status });
    }
    // Earlier years not reported missed or failed were verified: the case went on.
    for (let y = 1; y < c.supportYear; y++) if (!priorYears.some((p) => p.supportYear === y)) priorYears.push({ supportYear: y, outcome: 'verified' });
    priorYears.sort((a, b) => a.supportYear - b.supportYear);
    const latestKept = (keptOf.get(c.id) ?? []).sort((a, b) => b.supportYear - a.supportYear)[0];
    const qualifications = (c.qualifications?.filter((q) => KNOWN_QUALIFICATIONS.has(q)) as Qualification[] | undefined) ?? qualificationsFromTrace(latestKept?.result) ?? [];
    bookCases.push({
      caseId: c.id,
      program: c.program,
      enterpriseId: c.enterpriseId,
      policyVersion: c.policyVersion,
      submittedOn: c.submittedOn,
      noticeYear: c.noticeYear,
      kind: decidedYears.includes(1) ? 'award' : 'application',
      supportYear: c.supportYear,
      decidedYears,
      priorYears,
      qualifications,
      figures,
    });
  }

  const reservedOf = new Map(reserved.map((r) => [`${r.program}|${r.year}`, r.fen]));
  const budgets: Book['budgets'] = [];
  for (const n of notices) {
    for (const [program, entry] of Object.entries((n.programs ?? {}) as Record<string, { budgetFen?: number }>)) {
      if (!isProgramCode(program) || typeof entry?.budgetFen !== 'number') continue;
      budgets.push({ year: n.year, program, budgetFen: entry.budgetFen, reservedFen: reservedOf.get(`${program}|${n.year}`) ?? 0 });
    }
  }

  return {
    format: BOOK_FORMAT,
    asOf,
    budgets,
    enterprises: enterpriseRows,
    earlierAwards: [
      ...ownAwards.map((a) => ({ enterpriseId: a.enterpriseId, caseId: a.caseId, program: a.program, supportYear: a.supportYear, costCategory: a.costCategory, periodStart: a.periodStart, periodEnd: a.periodEnd, amountFen: a.amountFen })),
      ...otherAwards.map((a) => ({ enterpriseId: a.enterpriseId, caseId: null, policy: `${a.policyName}（${a.documentNumber}）`, costCategory: a.costCategory, periodStart: a.periodStart, periodEnd: a.periodEnd, amountFen: a.amountFen })),
    ],
    cases: bookCases,
  };
}
