// The subsidy case's public contract: input, stages, task queue and the messages
// people send it. The API imports this module, never the workflow body.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Facts, ProgramCode, Qualification } from '../../rules/index.js';

export const TASK_QUEUE = 'subsidy-cases';
export const CASE_WORKFLOW_TYPE = 'subsidyCaseWorkflow';

export const caseWorkflowId = (applicationId: string): string => `case-${applicationId}`;

export const Stage = {
  Application: 'application',
  FormalReview: 'formal-review',
  Disbursement: 'disbursement',
  Closed: 'closed',
} as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

export const CaseStatus = {
  InProgress: 'in-progress',
  Completed: 'completed',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
} as const;
export type CaseStatus = (typeof CaseStatus)[keyof typeof CaseStatus];

export const Role = {
  Applicant: 'applicant',
  Officer: 'officer',
  Expert: 'expert',
  Committee: 'committee',
  Finance: 'finance',
  Ops: 'ops',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Who sends a message; the API fills it from the verified token, never from the body. */
export interface Actor {
  userId: string;
  role: Role;
  enterpriseId?: string;
}

export interface CaseInput {
  applicationId: string;
  program: ProgramCode;
  enterpriseId: string;
  submittedOn: string;
  policyVersion: string;
  facts: Facts;
  qualifications: Qualification[];
  registeredInDistrict: boolean;
}

export interface OpenTaskView {
  taskId: string;
  kind: string;
  role: Role;
  assignee?: string;
}

export interface CaseView {
  applicationId: string;
  stage: Stage;
  status: CaseStatus;
  openTasks: OpenTaskView[];
  approvedAmountFen?: number;
}

export interface FormalReviewDecision {
  actor: Actor;
  decision: 'accept' | 'reject';
  reason?: string;
}

export interface DecisionReceipt {
  taskId: string;
  acceptedAt: string;
}

export const formalReviewUpdate = defineUpdate<DecisionReceipt, [FormalReviewDecision]>('formalReview');
export const caseViewQuery = defineQuery<CaseView>('caseView');
