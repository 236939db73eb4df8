// The words the whole system shares: stages, statuses, roles, task kinds, who acts,
// and what a case starts from. Workflows, activities, the API and scripts import
// them from here; this module imports nothing from Temporal (nor zod), so activities
// and the API no longer reach into workflow code for a type.
import type { Facts, ProgramCode, Qualification } from '../rules/index.js';

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
  /** A second officer confirms or returns a yearly verification whose amount moved beyond the setting (复核). */
  YearlyCountersign: 'yearly-countersign',
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
  /**
   * A later support year whose amount differs from the previous year's by more than
   * this share (basis points of the previous amount, either way) needs a second
   * officer to countersign its verification. Absent in cases started before it existed.
   */
  secondOfficerChangeBp?: number;
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
  secondOfficerChangeBp: 2000,
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

/** What every decision on a task carries; the API fills both, never the body. */
export interface TaskDecision {
  taskId: string;
  actor: Actor;
}

export interface Revocation {
  actor: Actor;
  grounds: 'false-evidence' | 'left-district' | 'other';
  reason: string;
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

