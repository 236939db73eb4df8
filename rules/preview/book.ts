// The book a preview runs on: every open award and undecided application with what
// the rules need to compute its remaining support years (program, version, facts per
// year, qualifications, the enterprise's standing and earlier awards), and each
// program's budget per year. Exported from the read model (`rules export-book`) or
// built by the synthetic generator; the same JSON either way.

import { z } from 'zod';
import { PRIOR_YEAR_OUTCOMES, PROGRAM_CODES, QUALIFICATIONS } from '../codes.js';
import type { FieldError } from '../errors.js';
import { factsSchema, fen, fieldErrorsOf, isoDate } from '../input.js';

export const BOOK_FORMAT = 'subsidy-book/1';

const id = z.string().min(1).max(200);
const year = z.int().min(2000).max(2999);
const supportYear = z.int().min(1).max(50);

/** Where a year's figures come from, most trusted first. */
export const FIGURE_SOURCES = ['verified-report', 'submitted-report', 'application'] as const;
export type FigureSource = (typeof FIGURE_SOURCES)[number];

export const bookCaseSchema = z.strictObject({
  caseId: id,
  program: z.enum(PROGRAM_CODES),
  enterpriseId: id,
  /** The version the case was recorded under (it keeps it for life). */
  policyVersion: z.string().min(1).max(63),
  submittedOn: isoDate,
  noticeYear: year,
  /** application: the committee has not approved year 1; award: approved, with years left. */
  kind: z.enum(['application', 'award']),
  /** The support year the case is in now. */
  supportYear,
  /** Support years the committee has approved: decided, so not previewed. */
  decidedYears: z.array(supportYear).max(50),
  /** Earlier years' outcomes (the consecutive-year rule reads them). */
  priorYears: z.array(z.strictObject({ supportYear, outcome: z.enum(PRIOR_YEAR_OUTCOMES) })).max(50),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length),
  /** The actual figures the case holds, by support year. */
  figures: z.array(z.strictObject({ supportYear, source: z.enum(FIGURE_SOURCES), facts: factsSchema })).max(150),
});

export const bookSchema = z.strictObject({
  format: z.literal(BOOK_FORMAT),
  /** The day the book was taken. */
  asOf: isoDate,
  /** Each program's budget per year (annual notices) and what approvals already reserve of it. */
  budgets: z.array(z.strictObject({ year, program: z.enum(PROGRAM_CODES), budgetFen: fen, reservedFen: fen })),
  enterprises: z.array(z.strictObject({ id, registeredInDistrict: z.boolean(), blacklisted: z.boolean() })),
  /** What 第十三条 sets against a claim: awards under these measures (caseId) and under other policies (policy). */
  earlierAwards: z.array(
    z.strictObject({
      enterpriseId: id,
      caseId: id.nullable(),
      program: z.string().min(1).max(200).optional(),
      policy: z.string().min(1).max(400).optional(),
      supportYear: supportYear.optional(),
      costCategory: z.string().min(1).max(100),
      periodStart: isoDate,
      periodEnd: isoDate,
      amountFen: fen,
    }),
  ),
  cases: z.array(bookCaseSchema),
});

export type Book = z.output<typeof bookSchema>;
export type BookCase = Book['cases'][number];
export type EarlierAward = Book['earlierAwards'][number];

export type BookResult = { ok: true; book: Book } | { ok: false; errors: FieldError[] };

export function parseBook(json: unknown): BookResult {
  const parsed = bookSchema.safeParse(json);
  return parsed.success ? { ok: true, book: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error).slice(0, 50) };
}
