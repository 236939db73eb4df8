// Inputs and results of an evaluation (the CLI contract, and the API other code calls).

import type { ComponentName, ProgramCode, PriorYearOutcome, Qualification } from './codes.js';
import type { Period } from './dates.js';
import type { Fen } from './money.js';

/** An award the enterprise already holds, under these measures or another district policy. */
export interface PriorAward {
  /** A program code of these measures, or the other policy's own name for its program. */
  program?: string;
  /** Name of another district support policy; absent means these measures. */
  policy?: string;
  costCategory?: string;
  /** Calendar year the award covers (period = that year) when no periodStart/periodEnd. */
  year?: number;
  /** For awards of these measures: which support year of a multi-year award. */
  supportYear?: number;
  periodStart?: string;
  periodEnd?: string;
  amountFen?: Fen;
}

export interface Applicant {
  registeredInDistrict: boolean;
  blacklisted?: boolean;
  qualifications?: Qualification[];
  priorAwards?: PriorAward[];
}

export interface Facts {
  municipalSupportFen?: Fen;
  projectInvestmentFen?: Fen;
  computeSpendFen?: Fen;
  modelIterated?: boolean;
  registrationFeesFen?: Fen;
  contractAmountFen?: Fen;
  serviceContractFen?: Fen;
  evaluationContractFen?: Fen;
  rentPaidFen?: Fen;
  /** Square metres, up to two decimals. */
  areaUsedM2?: number;
  operatingCostsFen?: Fen;
  /** Whole months operated in the support year, 0..12. */
  monthsOperated?: number;
  decidedAmountFen?: Fen;
}

/** The record of earlier support years of the same award (multi-year programs). */
export interface PriorYear {
  supportYear: number;
  outcome: PriorYearOutcome;
  /** Amounts paid for that year, by component (used when a cap applies to the whole award). */
  paidFen?: Partial<Record<ComponentName, Fen>>;
}

export interface EvaluationInput {
  program: ProgramCode;
  submittedOn: string;
  supportYear?: number;
  policyVersion?: string;
  applicant: Applicant;
  facts?: Facts;
  priorYears?: PriorYear[];
  /** The period the claimed costs cover (for 从优不重复 overlap checks). */
  period?: Period;
}

export type Scalar = string | number | boolean | null;

export interface TraceStep {
  step: string;
  article: string;
  policyVersion: string;
  parameters: Record<string, Scalar>;
  inputs: Record<string, Scalar | Scalar[]>;
  figures: Record<string, Scalar>;
  result: Scalar;
  textZh: string;
  textEn: string;
}

export interface Reason {
  code: string;
  article: string;
  message: string;
  messageZh: string;
}

export interface ComponentResult {
  name: ComponentName;
  amountFen: Fen;
  capped: boolean;
  claimed: boolean;
  costCategory: string;
  /** Before the cap. */
  computedFen: Fen;
  capFen: Fen | null;
  /** After the cap, before any 从优不重复 reduction. */
  beforeOverlapFen: Fen;
}

/**
 * A more favourable program the applicant also qualifies for (第十三条 从优不重复),
 * with its whole computation, so that whoever decides sees both and records which
 * one stands.
 */
export interface Alternative {
  program: ProgramCode;
  article: string;
  amountFen: Fen;
  moreByFen: Fen;
  message: string;
  messageZh: string;
  components: ComponentResult[];
  reasons: Reason[];
  overlaps: Overlap[];
  trace: TraceStep[];
}

export interface Overlap {
  article: string;
  component: ComponentName;
  costCategory: string;
  priorAwardIndex: number;
  program: string | null;
  policy: string | null;
  existingAmountFen: Fen | null;
  thisAmountFen: Fen;
  payableFen: Fen;
  stands: 'existing' | 'this' | 'officer-decides';
  /** The earlier award is under the same program of these measures: a second claim for the same period. */
  sameProgram: boolean;
}

export interface DecisionInfo {
  decidedAmount: boolean;
  decided: boolean;
  maximumFen: Fen | null;
  districtResolution: boolean;
}

export interface EvaluationResult {
  program: ProgramCode;
  article: string;
  title: { zh: string; en: string };
  policyVersion: string;
  submittedOn: string;
  supportYear: number;
  eligible: boolean;
  amountFen: Fen;
  components: ComponentResult[];
  reasons: Reason[];
  notes: Reason[];
  alternatives: Alternative[];
  overlaps: Overlap[];
  level: 'national' | 'provincial' | null;
  decision: DecisionInfo;
  trace: TraceStep[];
}
