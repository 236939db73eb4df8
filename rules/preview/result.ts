// What a preview answers (the CLI's JSON and the API's 200 body).

import type { ProgramCode } from '../codes.js';
import type { FieldError } from '../errors.js';
import type { Fen } from '../money.js';
import type { ComponentResult, TraceStep } from '../types.js';
import type { TouchCode } from './touch.js';
import type { FiguresView } from './years.js';

export type Change = 'gain' | 'lose' | 'stay';

/** One side (own version or candidate) of one support year: the case names its own version, the preview the candidate. */
export interface SideResult {
  eligible: boolean;
  amountFen: Fen;
  /** Per component: the amount, and how it came about (computed, cap, capped, before 第十三条's overlap). */
  components: ComponentResult[];
  /** Why ineligible or reduced (reason codes with their article). */
  reasons: { code: string; article: string }[];
  trace?: TraceStep[];
}

export interface YearPreview {
  supportYear: number;
  /** noticeYear + supportYear − 1: the budget year the amount would be drawn from. */
  budgetYear: number;
  figures: FiguresView | null;
  own: SideResult | null;
  /** Under the candidate, as if it were the case's version (whether or not it applies). */
  candidate: SideResult | null;
  /** candidate − own for the year, as if applied. */
  deltaFen: Fen;
  /** The year could not be computed on one side: the input error, naming the field. */
  errors: { side: 'own' | 'candidate'; field: string; message: string }[];
}

export interface CasePreview {
  caseId: string;
  program: ProgramCode;
  enterpriseId: string;
  kind: 'application' | 'award';
  submittedOn: string;
  noticeYear: number;
  ownVersion: string;
  /** Would the candidate become the case's version (see `touchRule`)? */
  applies: boolean;
  touch: { code: TouchCode; versionIfAdopted: string };
  /** Does the candidate change anything for the case's program (its parameters or readings)? */
  programChanged: boolean;
  ownFen: Fen;
  /** Sum over the years under the candidate, as if applied. */
  candidateFen: Fen;
  /** candidate − own, as if applied. */
  deltaFen: Fen;
  /** What adoption would really change: deltaFen where it applies, 0 where the case stays pinned. */
  effectiveDeltaFen: Fen;
  change: Change;
  changeIfApplied: Change;
  /** Each undecided support year (absent in a preview asked for the cases' sums only). */
  years?: YearPreview[];
}

export interface ProgramYearTotal {
  program: ProgramCode;
  budgetYear: number;
  /** The year's budget for the program (annual notice); null where no notice names it. */
  budgetFen: Fen | null;
  /** Already reserved by approvals (not previewed). */
  reservedFen: Fen;
  /** The previewed years under their own versions. */
  ownFen: Fen;
  /** After adoption: the candidate where it applies, the own version elsewhere. */
  candidateFen: Fen;
  /** The candidate for every case, as if all were under it. */
  ifAppliedFen: Fen;
  /** budget − reserved − candidateFen (null without a budget); negative is over budget. */
  leftAfterCandidateFen: Fen | null;
  leftAfterOwnFen: Fen | null;
  cases: number;
}

export interface Counts {
  gain: number;
  lose: number;
  stay: number;
}

export interface PreviewResult {
  candidate: { id: string; basedOn: string; effectiveFrom: string; titleZh: string; titleEn: string; note: string; changes: ParameterChange[] };
  asOf: string;
  touchRule: { en: string; zh: string };
  /** Each touch code explained (cases carry the code). */
  touchReasons: Record<TouchCode, { en: string; zh: string }>;
  book: {
    /** Cases previewed (with at least one undecided support year). */
    cases: number;
    applications: number;
    awards: number;
    /** Running cases whose every year is approved already: nothing to preview. */
    fullyDecided: number;
    supportYears: number;
    /** Rules evaluations run (a year whose program the candidate leaves unchanged is computed once). */
    evaluations: number;
    touched: number;
    notTouched: Partial<Record<TouchCode, number>>;
  };
  totals: ProgramYearTotal[];
  /** After adoption (pinned cases stay). */
  counts: Counts;
  /** As if every case were under the candidate. */
  countsIfApplied: Counts;
  /** The cases with the largest changes as if applied, largest |deltaFen| first. */
  largestChanges: { caseId: string; program: ProgramCode; applies: boolean; ownFen: Fen; candidateFen: Fen; deltaFen: Fen; effectiveDeltaFen: Fen }[];
  cases: CasePreview[];
  /** Cases the book could not describe to the rules (an unknown version or enterprise). */
  caseErrors: ({ caseId: string } & FieldError)[];
}

/** A parameter the candidate sets differently from the version it is based on. */
export interface ParameterChange {
  path: string;
  from: unknown;
  to: unknown;
}
