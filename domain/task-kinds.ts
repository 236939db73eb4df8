// Every kind of task people are asked to do, one entry each: the decision it takes
// (its type below), the Update that carries it, what the case checks against its own
// state before accepting it (refusal), and the reason the read model records with it.
// handlers.ts registers an Update per entry, messages.ts defines them, the API takes
// each kind's body schema from api/decision-bodies.ts (typed against these decisions)
// and a stage reads its decision with decisionOf (tasks.ts). Adding a kind: a TaskKind
// (vocabulary.ts), its decision type in TaskDecisions, an entry in taskKinds, a body
// schema, a stage; the compiler points at each one missing.
// Pure: no Temporal, no zod (the workflow bundle imports this; zod would double its memory).
import type { Facts, ProgramCode, ProgramDefinition } from '../rules/index.js';
import { scoreSheetRefusal } from './score-sheet.js';
import { TaskKind } from './vocabulary.js';
import type { EvidenceItem, TaskDecision } from './vocabulary.js';

export interface FormalReviewDecision extends TaskDecision {
  decision: 'accept' | 'return' | 'reject';
  /** Required to reject or to return for correction (what must be corrected). */
  reason?: string;
}

export interface CorrectionAnswer extends TaskDecision {
  facts?: Facts;
  evidence?: EvidenceItem[];
  note?: string;
}

export interface ConflictDeclaration extends TaskDecision {
  hasConflict: boolean;
  detail?: string;
}

export interface ScoreSheet extends TaskDecision {
  /** Points per criterion of the program (names from the policy version). */
  scores: Record<string, number>;
  comment?: string;
}

export interface CommitteeDecision extends TaskDecision {
  decision: 'approve' | 'reject';
  /** Approve: the amount, no more than the rules allow. */
  amountFen?: number;
  reason?: string;
  /** A9: the district-level resolution that sets the amount. */
  resolutionRef?: string;
  /** 第十三条: which program stands where the assessment lists a more favourable one (checked by the API). */
  standingProgram?: ProgramCode;
  /**
   * When the amount exceeds what is left of the program's budget for the year:
   * draw on next year's budget instead, or approve over budget (the reason says why).
   */
  budget?: 'defer-to-next-year' | 'over-budget';
}

/** The year's actual figures (rent paid, area used, operating costs, compute spend, …). */
export interface YearlyReport extends TaskDecision {
  facts: Facts;
  evidence?: EvidenceItem[];
  note?: string;
}

export interface YearlyVerification extends TaskDecision {
  outcome: 'verified' | 'failed';
  /** Figures as verified (by the officer or the audit), where they differ from the report. */
  verifiedFacts?: Facts;
  reason?: string;
}

/** 复核: a second officer confirms the verification, or returns it to be verified again. */
export interface YearlyCountersign extends TaskDecision {
  decision: 'confirm' | 'return';
  /** Required to return: what to look at again. */
  reason?: string;
}

export interface RepaymentConfirmation extends TaskDecision {
  reference: string;
}

export interface PaymentSettlement extends TaskDecision {
  outcome: 'paid' | 'failed';
  reference?: string;
  reason?: string;
}

/** The decision each kind of task takes. */
export interface TaskDecisions {
  [TaskKind.FormalReview]: FormalReviewDecision;
  [TaskKind.Correction]: CorrectionAnswer;
  [TaskKind.ExpertConflict]: ConflictDeclaration;
  [TaskKind.ExpertScoring]: ScoreSheet;
  [TaskKind.CommitteeDecision]: CommitteeDecision;
  [TaskKind.PaymentConfirmation]: PaymentSettlement;
  [TaskKind.YearlyReport]: YearlyReport;
  [TaskKind.YearlyVerification]: YearlyVerification;
  [TaskKind.YearlyCountersign]: YearlyCountersign;
  [TaskKind.RepaymentConfirmation]: RepaymentConfirmation;
}
export type DecisionOf<K extends TaskKind> = TaskDecisions[K];
/** What a person sends for this kind: the decision without what the API fills in. */
export type DecisionBodyOf<K extends TaskKind> = Omit<DecisionOf<K>, keyof TaskDecision>;

/** What of the case's state a decision is checked against. */
export interface DecisionContext {
  program: ProgramDefinition;
  /** Officers who reviewed the application (four eyes for the committee). */
  reviewingOfficers: ReadonlySet<string>;
  maximumFen: number | undefined;
  /** The program applied for. */
  caseProgram: ProgramCode;
  /** 第十三条: the most under each more favourable program the assessment lists. */
  alternativeMaximaFen: Partial<Record<ProgramCode, number>>;
  /** What is left of the year's budget (null: no limit set; undefined: not looked up yet). */
  budgetRemainingFen: number | null | undefined;
  /** The officer whose yearly verification awaits a countersign (never the countersigner). */
  verifyingOfficer: string | undefined;
}

export interface TaskKindEntry<K extends TaskKind> {
  /** The Update's name (recorded in every history: never rename one). */
  update: string;
  /** Why the case refuses this decision, or undefined to accept it (after the task's own checks). */
  refusal(decision: DecisionOf<K>, context: DecisionContext): string | undefined;
  /** The reason recorded with the closed task in the read model. */
  reasonOf(decision: DecisionOf<K>): string | undefined;
}

const blank = (text: string | undefined): boolean => !text?.trim();

/** Why the verifying officer may not countersign (the case's validator and the API say the same). */
export const COUNTERSIGN_BY_VERIFIER = 'the officer who verified this year’s report cannot also countersign it (four eyes): another officer confirms or returns it';

function committeeRefusal(d: CommitteeDecision, context: DecisionContext): string | undefined {
  if (context.reviewingOfficers.has(d.actor.userId)) return 'the officer who reviewed the application cannot also decide it (four eyes)';
  if (d.decision === 'reject') return blank(d.reason) ? 'a rejection needs a reason' : undefined;
  if (d.amountFen === undefined || !Number.isSafeInteger(d.amountFen) || d.amountFen <= 0) return 'an approval needs a positive whole amountFen';
  const standing = d.standingProgram ?? context.caseProgram;
  if (standing !== context.caseProgram && context.alternativeMaximaFen[standing] === undefined) {
    return `standingProgram ${standing} is neither the program applied for nor a more favourable one the assessment lists`;
  }
  const maximum = standing === context.caseProgram ? context.maximumFen : context.alternativeMaximaFen[standing];
  if (maximum !== undefined && d.amountFen > maximum) return `amountFen ${d.amountFen} is above the ${maximum} fen the rules allow under ${standing}`;
  if (context.program.districtResolution && blank(d.resolutionRef)) return 'this program needs the district resolution (resolutionRef) that sets the amount';
  const remaining = context.budgetRemainingFen;
  if (remaining !== null && remaining !== undefined && d.amountFen > remaining && d.budget === undefined) {
    return `amountFen ${d.amountFen} exceeds the ${remaining} fen left of this year's budget: reduce it, defer it to next year's budget, or approve over budget with a reason`;
  }
  if (d.budget === 'over-budget' && blank(d.reason)) return 'an approval over budget needs the reason';
  return undefined;
}

export const taskKinds: { readonly [K in TaskKind]: TaskKindEntry<K> } = {
  [TaskKind.FormalReview]: {
    update: 'formalReview',
    refusal: (d) => (d.decision !== 'accept' && blank(d.reason) ? `to ${d.decision} an application, give the reason` : undefined),
    reasonOf: (d) => d.reason,
  },
  [TaskKind.Correction]: {
    update: 'answerCorrection',
    refusal: (d) => (d.facts === undefined && d.evidence === undefined && blank(d.note) ? 'a correction changes facts or evidence, or explains why not' : undefined),
    reasonOf: (d) => d.note,
  },
  [TaskKind.ExpertConflict]: {
    update: 'declareConflict',
    refusal: (d) => (d.hasConflict && blank(d.detail) ? 'a declared conflict needs a short description' : undefined),
    reasonOf: (d) => d.detail,
  },
  [TaskKind.ExpertScoring]: {
    update: 'submitScores',
    refusal: (d, context) => scoreSheetRefusal(context.program.criteria, d.scores),
    reasonOf: () => undefined,
  },
  [TaskKind.CommitteeDecision]: {
    update: 'committeeDecision',
    refusal: committeeRefusal,
    reasonOf: (d) => d.reason,
  },
  [TaskKind.PaymentConfirmation]: {
    update: 'settlePayment',
    refusal: (d) => {
      if (d.outcome === 'failed' && blank(d.reason)) return 'a failed payment needs the reason finance was given';
      if (d.outcome === 'paid' && blank(d.reference)) return 'a confirmed payment needs its bank reference';
      return undefined;
    },
    reasonOf: (d) => d.reason,
  },
  [TaskKind.YearlyReport]: {
    update: 'submitYearlyReport',
    refusal: (d, context) => {
      const missing = context.program.reportFacts.laterYears.filter((fact) => d.facts[fact] === undefined);
      return missing.length > 0 ? `the year's report must state ${missing.join(', ')}` : undefined;
    },
    reasonOf: (d) => d.note,
  },
  [TaskKind.YearlyVerification]: {
    update: 'verifyYearlyReport',
    refusal: (d) => (d.outcome === 'failed' && blank(d.reason) ? 'a failed verification needs the reason' : undefined),
    reasonOf: (d) => d.reason,
  },
  [TaskKind.YearlyCountersign]: {
    update: 'countersignYearlyVerification',
    refusal: (d, context) => {
      if (d.actor.userId === context.verifyingOfficer) return COUNTERSIGN_BY_VERIFIER;
      return d.decision === 'return' && blank(d.reason) ? 'returning a verification needs the reason' : undefined;
    },
    reasonOf: (d) => d.reason,
  },
  [TaskKind.RepaymentConfirmation]: {
    update: 'confirmRepayment',
    refusal: (d) => (blank(d.reference) ? 'a confirmed repayment needs its bank reference' : undefined),
    reasonOf: () => undefined,
  },
};

/** Every kind, in the order of the table. */
export const TASK_KINDS = Object.keys(taskKinds) as TaskKind[];
