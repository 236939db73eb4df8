// The subsidy case's public contract: input, stages, tasks, and the messages people
// send it. The API imports this module, never the workflow body.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Facts, ProgramCode, Qualification } from '../../rules/index.js';

export const TASK_QUEUE = 'subsidy-cases';
export const CASE_WORKFLOW_TYPE = 'subsidyCaseWorkflow';
export const caseWorkflowId = (applicationId: string): string => `case-${applicationId}`;

export const Stage = {
  Application: 'application',
  FormalReview: 'formal-review',
  Correction: 'correction',
  ExpertEvaluation: 'expert-evaluation',
  Committee: 'committee',
  PublicNotice: 'public-notice',
  Disbursement: 'disbursement',
  /** Multi-year awards: waiting for the year's reporting window, then the report. */
  YearlyReport: 'yearly-report',
  YearlyVerification: 'yearly-verification',
  /** A revoked award: recovering (追回) what was paid. */
  Recovery: 'recovery',
  Closed: 'closed',
} as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

export const CaseStatus = {
  InProgress: 'in-progress',
  Completed: 'completed',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
  /** A multi-year award stopped by a missed or failed year. */
  Ended: 'ended',
  /** Approval revoked (false evidence, leaving the district); recovery follows. */
  Revoked: 'revoked',
} as const;
export type CaseStatus = (typeof CaseStatus)[keyof typeof CaseStatus];

export const Role = {
  Applicant: 'applicant',
  Officer: 'officer',
  Expert: 'expert',
  Committee: 'committee',
  Finance: 'finance',
  Supervisor: 'supervisor',
  Ops: 'ops',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** What people are asked to do; each kind is answered by one Update. */
export const TaskKind = {
  FormalReview: 'formal-review',
  Correction: 'correction',
  ExpertConflict: 'expert-conflict',
  ExpertScoring: 'expert-scoring',
  CommitteeDecision: 'committee-decision',
  PaymentConfirmation: 'payment-confirmation',
  YearlyReport: 'yearly-report',
  YearlyVerification: 'yearly-verification',
  RepaymentConfirmation: 'repayment-confirmation',
} as const;
export type TaskKind = (typeof TaskKind)[keyof typeof TaskKind];

/** Who sends a message; the API fills it from the verified token, never from the body. */
export interface Actor {
  userId: string;
  role: Role;
  enterpriseId?: string;
}

export interface EvidenceItem {
  kind: string;
  reference: string;
}

/** Durations (Temporal strings such as "10 days" or "30s") and counts from the annual notice. */
export interface CaseSettings {
  /** How long an officer, the committee or finance has for a task before reminders start. */
  taskDue: string;
  /** Reminder when a task is overdue by this; escalation to the supervisor after twice this. */
  escalationStep: string;
  correctionPeriod: string;
  expertDeclarationPeriod: string;
  expertScoringPeriod: string;
  noticePeriod: string;
  /** Experts on a panel: odd, at least 3. */
  panelSize: number;
  /** Failed payment attempts before the case is escalated to the supervisor. */
  paymentAttempts: number;
  /** Yearly reports: the beneficiary is reminded this long before the reporting deadline. */
  reportReminderBefore: string;
  /** How often a case waiting for next year's annual notice looks for it. */
  noticePollInterval: string;
}

/** Used where an annual notice leaves a setting out. */
export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  taskDue: '10 days',
  escalationStep: '3 days',
  correctionPeriod: '15 days',
  expertDeclarationPeriod: '3 days',
  expertScoringPeriod: '10 days',
  // 公示: five working days.
  noticePeriod: '7 days',
  panelSize: 5,
  paymentAttempts: 3,
  reportReminderBefore: '7 days',
  noticePollInterval: '1 day',
};

export interface CaseInput {
  applicationId: string;
  program: ProgramCode;
  enterpriseId: string;
  noticeYear: number;
  submittedOn: string;
  policyVersion: string;
  registeredInDistrict: boolean;
  qualifications: Qualification[];
  facts: Facts;
  evidence: EvidenceItem[];
  settings: CaseSettings;
  /** Set when a multi-year award continues as new for its next support year. */
  continuation?: Continuation;
}

/** What a support year carries into the next: only what the next year needs. */
export interface Continuation {
  supportYear: number;
  /** Outcomes of the earlier years (the consecutive-year rule reads them). */
  priorYears: { supportYear: number; outcome: 'verified' | 'missed' | 'failed' }[];
  /** Officers who reviewed the application: never the committee for this case. */
  reviewingOfficers: string[];
}

export interface TaskView {
  taskId: string;
  kind: TaskKind;
  stage: Stage;
  role: Role;
  assignee?: string;
  /** What the task is about where a case has several: a payment key, for instance. */
  subject?: string;
  dueAt?: string;
  escalation: number;
}

export interface PanelSeatView {
  expertId: string;
  status: 'invited' | 'accepted' | 'declined' | 'timed-out' | 'scored';
}

export interface CaseView {
  applicationId: string;
  program: ProgramCode;
  supportYear: number;
  stage: Stage;
  status: CaseStatus;
  openTasks: TaskView[];
  panel: PanelSeatView[];
  maximumFen?: number;
  approvedAmountFen?: number;
  /** Read-model writes the database refused for good (see projection.ts). */
  projectionFailures?: { write: string; message: string }[];
}

interface TaskDecision {
  taskId: string;
  actor: Actor;
}

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

export interface Revocation {
  actor: Actor;
  grounds: 'false-evidence' | 'left-district' | 'other';
  reason: string;
}

export interface RepaymentConfirmation extends TaskDecision {
  reference: string;
}

export interface PaymentSettlement extends TaskDecision {
  outcome: 'paid' | 'failed';
  reference?: string;
  reason?: string;
}

export interface Withdrawal {
  actor: Actor;
  reason?: string;
}

export interface Objection {
  actor: Actor;
  reason: string;
}

export type TaskClaim = TaskDecision;

export interface DecisionReceipt {
  taskId?: string;
  stage: Stage;
  status: CaseStatus;
}

export const formalReviewUpdate = defineUpdate<DecisionReceipt, [FormalReviewDecision]>('formalReview');
export const answerCorrectionUpdate = defineUpdate<DecisionReceipt, [CorrectionAnswer]>('answerCorrection');
export const declareConflictUpdate = defineUpdate<DecisionReceipt, [ConflictDeclaration]>('declareConflict');
export const submitScoresUpdate = defineUpdate<DecisionReceipt, [ScoreSheet]>('submitScores');
export const committeeDecisionUpdate = defineUpdate<DecisionReceipt, [CommitteeDecision]>('committeeDecision');
export const settlePaymentUpdate = defineUpdate<DecisionReceipt, [PaymentSettlement]>('settlePayment');
export const withdrawUpdate = defineUpdate<DecisionReceipt, [Withdrawal]>('withdraw');
export const objectionUpdate = defineUpdate<DecisionReceipt, [Objection]>('raiseObjection');
export const submitYearlyReportUpdate = defineUpdate<DecisionReceipt, [YearlyReport]>('submitYearlyReport');
export const verifyYearlyReportUpdate = defineUpdate<DecisionReceipt, [YearlyVerification]>('verifyYearlyReport');
export const confirmRepaymentUpdate = defineUpdate<DecisionReceipt, [RepaymentConfirmation]>('confirmRepayment');
export const revokeUpdate = defineUpdate<DecisionReceipt, [Revocation]>('revoke');
/** Operations: write the case's open tasks over the read model (after a repair; see README's runbook). */
export const reconcileReadModelUpdate = defineUpdate<DecisionReceipt, [{ actor: Actor }]>('reconcileReadModel');
export const claimTaskUpdate = defineUpdate<DecisionReceipt, [TaskClaim]>('claimTask');
export const releaseTaskUpdate = defineUpdate<DecisionReceipt, [TaskClaim]>('releaseTask');

export const caseViewQuery = defineQuery<CaseView>('caseView');

/** Which Update answers which kind of task (for a generic "decide this task" route). */
export const updateForTask = {
  [TaskKind.FormalReview]: formalReviewUpdate,
  [TaskKind.Correction]: answerCorrectionUpdate,
  [TaskKind.ExpertConflict]: declareConflictUpdate,
  [TaskKind.ExpertScoring]: submitScoresUpdate,
  [TaskKind.CommitteeDecision]: committeeDecisionUpdate,
  [TaskKind.PaymentConfirmation]: settlePaymentUpdate,
  [TaskKind.YearlyReport]: submitYearlyReportUpdate,
  [TaskKind.YearlyVerification]: verifyYearlyReportUpdate,
  [TaskKind.RepaymentConfirmation]: confirmRepaymentUpdate,
} as const;

/** The type of the error a refused decision carries (the API answers 422). */
export const DECISION_REFUSED = 'DecisionRefused';
/**
 * The case does not hold the task (yet). The inbox can show a task a moment before
 * the case has committed it (a workflow task that is retried after a failure opens it
 * again), so the API tries again briefly before answering 409.
 */
export const TASK_NOT_IN_CASE = 'TaskNotInCase';
