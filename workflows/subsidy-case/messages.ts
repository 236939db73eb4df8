// The subsidy case's public contract: its workflow type, queue and id, and the
// Updates and Query people send it. The API imports this module, never the workflow
// body. The words (stages, roles, task kinds, decisions) live in domain/, which has no
// Temporal import; they are re-exported here for the workflow's own files.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { TASK_KINDS, taskKinds } from '../../domain/task-kinds.js';
import { TaskKind } from '../../domain/vocabulary.js';
import type { DecisionOf } from '../../domain/task-kinds.js';
import type { Actor, CaseView, DecisionReceipt, Objection, Revocation, TaskClaim, Withdrawal } from '../../domain/vocabulary.js';

export const TASK_QUEUE = 'subsidy-cases';
export const CASE_WORKFLOW_TYPE = 'subsidyCaseWorkflow';
export const caseWorkflowId = (applicationId: string): string => `case-${applicationId}`;

export * from '../../domain/vocabulary.js';
export * from '../../domain/task-kinds.js';

export const withdrawUpdate = defineUpdate<DecisionReceipt, [Withdrawal]>('withdraw');
export const objectionUpdate = defineUpdate<DecisionReceipt, [Objection]>('raiseObjection');
export const revokeUpdate = defineUpdate<DecisionReceipt, [Revocation]>('revoke');
/** Operations: write the case's open tasks over the read model (after a repair; see README's runbook). */
export const reconcileReadModelUpdate = defineUpdate<DecisionReceipt, [{ actor: Actor }]>('reconcileReadModel');
export const claimTaskUpdate = defineUpdate<DecisionReceipt, [TaskClaim]>('claimTask');
export const releaseTaskUpdate = defineUpdate<DecisionReceipt, [TaskClaim]>('releaseTask');

export const caseViewQuery = defineQuery<CaseView>('caseView');

/** The Update that answers a kind of task: one per entry of the task-kind table. */
export type TaskUpdate<K extends TaskKind> = UpdateDefinition<DecisionReceipt, [DecisionOf<K>]>;
const taskUpdate = <K extends TaskKind>(kind: K): TaskUpdate<K> => defineUpdate<DecisionReceipt, [DecisionOf<K>]>(taskKinds[kind].update);

/** Which Update answers which kind of task (handlers.ts registers them all; the API sends them). */
export const updateForTask = Object.fromEntries(TASK_KINDS.map((kind) => [kind, taskUpdate(kind)])) as { readonly [K in TaskKind]: TaskUpdate<K> };

/** Each kind's Update by name (tests and scripts send them directly). */
export const formalReviewUpdate = updateForTask[TaskKind.FormalReview];
export const answerCorrectionUpdate = updateForTask[TaskKind.Correction];
export const declareConflictUpdate = updateForTask[TaskKind.ExpertConflict];
export const submitScoresUpdate = updateForTask[TaskKind.ExpertScoring];
export const committeeDecisionUpdate = updateForTask[TaskKind.CommitteeDecision];
export const settlePaymentUpdate = updateForTask[TaskKind.PaymentConfirmation];
export const submitYearlyReportUpdate = updateForTask[TaskKind.YearlyReport];
export const verifyYearlyReportUpdate = updateForTask[TaskKind.YearlyVerification];
export const countersignYearlyVerificationUpdate = updateForTask[TaskKind.YearlyCountersign];
export const confirmRepaymentUpdate = updateForTask[TaskKind.RepaymentConfirmation];

/** The type of the error a refused decision carries (the API answers 422). */
export const DECISION_REFUSED = 'DecisionRefused';
/**
 * The request does not fit the case's state any more (the task is decided, the case
 * closed, the stage another): the API answers 409, as its read-model pre-checks do,
 * so a person gets the same answer whether the read model or the case saw it first.
 */
export const CASE_STATE_CONFLICT = 'CaseStateConflict';
/**
 * The case does not hold the task (yet). The inbox can show a task a moment before
 * the case has committed it (a workflow task that is retried after a failure opens it
 * again), so the API tries again briefly before answering 409.
 */
export const TASK_NOT_IN_CASE = 'TaskNotInCase';
