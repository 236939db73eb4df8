// The shape of a policy version: every program's parameters, process settings and
// every Reading of ambiguous text, as data.

import type { ComponentName, FactName, MoneyFact, ProgramCode, Qualification } from '../codes.js';
import type { Fen } from '../money.js';

export type CapScope = 'per-year' | 'whole-award';
export type EvaluationMode = 'experts' | 'audit' | 'experts-and-audit' | 'none';
export type MissedYearReading = 'end-award' | 'skip-year';

/** ratio × base, optionally capped: amount = min(floor(ratioBp/10000 × base), cap). */
export interface RatioComponent {
  kind: 'ratio';
  name: ComponentName;
  baseFact: MoneyFact;
  ratioBp: number;
  /** true where the text says 不超过 (a maximum the committee may lower); false where the ratio is stated flat. */
  ratioIsMaximum: boolean;
  capFen: Fen | null;
  costCategory: string;
  /** A component that is not claimed (its base fact absent) yields 0 instead of an input error. */
  optional: boolean;
}

/** A6 rent: floor(levelRatio × rent × min(area, areaCap) / area). */
export interface AreaRentComponent {
  kind: 'area-rent';
  name: ComponentName;
  baseFact: MoneyFact;
  areaFact: 'areaUsedM2';
  levelRatioBp: { national: number; provincial: number };
  areaCapM2: number;
  capFen: Fen | null;
  costCategory: string;
  optional: boolean;
}

/** A6 operating funds: min(actual costs, cap). */
export interface ActualCappedComponent {
  kind: 'actual-capped';
  name: ComponentName;
  baseFact: MoneyFact;
  capFen: Fen;
  costCategory: string;
  optional: boolean;
}

/** A10 fund: a fixed amount a year, prorated by months operated when prorate is set. */
export interface FixedYearlyComponent {
  kind: 'fixed-yearly';
  name: ComponentName;
  amountFen: Fen;
  prorate: boolean;
  monthsFact: 'monthsOperated';
  costCategory: string;
}

/** A5-DATA-ZONE, A5-DATA-OPEN, A9: the committee decides, bounded by the cap (null: no cap). */
export interface DecidedComponent {
  kind: 'decided';
  name: ComponentName;
  capFen: Fen | null;
  costCategory: string;
}

export type ComponentRule =
  | RatioComponent
  | AreaRentComponent
  | ActualCappedComponent
  | FixedYearlyComponent
  | DecidedComponent;

export interface Criterion {
  name: string;
  nameZh: string;
  maxPoints: number;
}

export interface ProgramDefinition {
  code: ProgramCode;
  /** Article number in the measures (3..10). */
  article: number;
  titleZh: string;
  titleEn: string;
  /** The applicant must hold at least one of these; empty: no program qualification. */
  qualificationsAnyOf: Qualification[];
  /** A6: which qualification gives which rent level. */
  levels?: { national: Qualification; provincial: Qualification };
  components: ComponentRule[];
  /** Reading: caps of multi-year programs apply per support year or to the whole award. */
  capScope: CapScope;
  /** Support years (1 = one-off). */
  years: number;
  /** A9: terms set by the district resolution, so supportYear is not bounded by `years`. */
  yearsSetByResolution: boolean;
  /** The support years must be consecutive (连续支持). */
  consecutive: boolean;
  /** A4: a fact that must be true for support years after the first (研发迭代). */
  continuationFact: 'modelIterated' | null;
  /** A7: at most one award per enterprise, ever. */
  oncePerEnterprise: boolean;
  /** Programs for the same thing; the applicant gets the more favourable one (第十三条). */
  alternatives: ProgramCode[];
  // process settings read by the lifecycle workflows
  evaluation: EvaluationMode;
  /** The expert pool's specialty a panel for this program is drawn from. */
  expertSpecialty: string;
  criteria: Criterion[];
  passMark: number | null;
  decidedAmount: boolean;
  districtResolution: boolean;
  evidence: string[];
  /** Facts without which the amount cannot be computed (input error when missing). */
  requiredFacts: { firstYear: FactName[]; laterYears: FactName[] };
  /** Facts the application (year 1) or the yearly report (later years) must state. */
  reportFacts: { firstYear: FactName[]; laterYears: FactName[] };
}

/** Readings of ambiguous text that are not tied to one program. */
export interface Readings {
  /** A year missing or failing verification ends the award, or only that year is skipped. */
  missedYear: MissedYearReading;
  /** A6: an applicant qualified at both levels gets the national ratio. */
  bothLevelsTakeNational: boolean;
  /** Decided-amount programs with no decidedAmountFen: show the cap as the maximum (or 0 when uncapped). */
  undecidedShowsCap: boolean;
  /** Overlap with an existing award whose amount is unknown: flag only, no reduction. */
  overlapUnknownAmount: 'flag-only' | 'zero';
  /** Area is accepted to this many decimals of a square metre. */
  areaDecimals: 2;
  /** Rounding of a percentage of a base. */
  rounding: 'floor';
  /** Expert panels: from this many counted totals on, the highest and the lowest are dropped. */
  panelDropExtremesFrom: number;
  /**
   * 从优不重复 compares cost periods: the costs of support year y of a case under the
   * annual notice of year N are those of calendar year N + y − 1.
   */
  supportYearCostPeriod: 'calendar-year';
  /** A committee approving less than the maximum: which components the reduction takes first. */
  reducedApproval: 'last-components-first';
}

export interface PolicyVersion {
  id: string;
  /** First day the version is in force (YYYY-MM-DD). */
  effectiveFrom: string;
  titleZh: string;
  titleEn: string;
  basedOn: string | null;
  note: string;
  readings: Readings;
  programs: Record<ProgramCode, ProgramDefinition>;
}

/** Changes a later version makes to the one it is based on. Components are patched by name. */
export interface ComponentPatch {
  ratioBp?: number;
  capFen?: Fen | null;
  areaCapM2?: number;
  levelRatioBp?: { national: number; provincial: number };
  amountFen?: Fen;
  prorate?: boolean;
}

export type ProgramPatch = Partial<Omit<ProgramDefinition, 'code' | 'components'>> & {
  components?: Partial<Record<ComponentName, ComponentPatch>>;
};

export interface PolicyVersionPatch {
  id: string;
  effectiveFrom: string;
  titleZh: string;
  titleEn: string;
  basedOn: string;
  note: string;
  readings?: Partial<Readings>;
  programs?: Partial<Record<ProgramCode, ProgramPatch>>;
}
