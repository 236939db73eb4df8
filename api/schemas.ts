// Request and response shapes shared by several routes. Each lists exactly the fields a caller
// may see; the serializer drops anything else a handler might pass.
import { z } from 'zod';
import { factsSchema as rulesFactsSchema, PROGRAM_CODES } from '../rules/index.js';
import { CaseStatus, Stage, TaskKind } from '../domain/vocabulary.js';
import { ROLES } from './auth.js';
import { evaluationResult } from './evaluation-schema.js';
import { INBOX_SORTS } from './repositories/tasks.js';
import { safeLine } from './safe-text.js';

export const STAGES = Object.values(Stage) as [Stage, ...Stage[]];
export const TASK_KINDS = Object.values(TaskKind) as [TaskKind, ...TaskKind[]];
export const CASE_STATUSES = Object.values(CaseStatus) as [CaseStatus, ...CaseStatus[]];

/** What an application, a correction or a yearly report states: the rules' facts, and evidence items. */
export const factsSchema = rulesFactsSchema;
export const evidenceSchema = z
  .array(z.strictObject({ kind: safeLine().min(1).max(100), reference: safeLine().min(1).max(500).describe('file number, URL or archive reference') }))
  .max(100);

export const caseParams = z.object({ caseId: safeLine().min(1).max(64) });
export const taskParams = z.object({ taskId: safeLine().min(1).max(200) });

export const roleSchema = z.enum(ROLES);

/** What a money task is about: the payment's year, component and amount, or each amount to be repaid. */
export const taskSubject = z.object({
  kind: z.enum(['payment', 'repayment']),
  items: z.array(z.object({ supportYear: z.number().int(), component: z.string(), amountFen: z.number().int() })),
  totalFen: z.number().int(),
});

export const taskView = z.object({
  taskId: z.string(),
  caseId: z.string(),
  kind: z.enum(TASK_KINDS),
  stage: z.enum(STAGES),
  program: z.enum(PROGRAM_CODES),
  role: roleSchema,
  assignee: z.string().nullable().optional(),
  dueAt: z.string().nullable(),
  escalation: z.number().int(),
  createdAt: z.string(),
  subject: taskSubject.nullable().optional(),
});
export type TaskView = z.infer<typeof taskView>;

export const caseSummary = z.object({
  caseId: z.string(),
  program: z.enum(PROGRAM_CODES),
  enterpriseId: z.string(),
  enterpriseName: z.string().nullable(),
  noticeYear: z.number().int(),
  submittedOn: z.string(),
  stage: z.enum(STAGES),
  status: z.enum(CASE_STATUSES),
  supportYear: z.number().int(),
  approvedAmountFen: z.number().int().nullable().optional(),
  workflowId: z.string().optional().describe('staff only: the workflow in Temporal (its Web UI: GET /config)'),
  updatedAt: z.string(),
});

export const paymentView = z.object({
  paymentKey: z.string(),
  supportYear: z.number().int(),
  component: z.string(),
  amountFen: z.number().int(),
  status: z.string(),
  attempts: z.number().int(),
  reference: z.string().nullable(),
  settledAt: z.string().nullable(),
});

export const caseDetail = z.object({
  caseId: z.string(),
  applicationId: z.string(),
  program: z.enum(PROGRAM_CODES),
  enterpriseId: z.string(),
  policyVersion: z.string(),
  noticeYear: z.number().int(),
  submittedOn: z.string(),
  recordedAt: z.string().describe('when the read model recorded the application (its case started), an instant; the stages’ dates are all such recorded instants'),
  closedAt: z.string().nullable().describe('when the case was closed (its last change since), null while it runs'),
  stage: z.enum(STAGES),
  status: z.enum(CASE_STATUSES),
  supportYear: z.number().int(),
  requestedFacts: z.record(z.string(), z.unknown()),
  evidence: z.array(z.object({ kind: z.string(), reference: z.string() })),
  maximumAmountFen: z.number().int().nullable().optional(),
  approvedAmountFen: z.number().int().nullable().optional(),
  closedReason: z.string().nullable().optional(),
  openTasks: z.array(taskView),
  /** 补正: while a correction is awaited, what the formal review asked for and by when (not for experts). */
  correctionRequest: z
    .object({ reason: z.string().describe('what the officer asked to correct'), requestedAt: z.string().nullable(), dueAt: z.string().nullable() })
    .nullable()
    .optional(),
  /** The enterprise's registered name: the payee of the case's payments. */
  enterpriseName: z.string().nullable().optional(),
  /** The program's article of the measures and its title under the case's policy version (for the decision notice). */
  measure: z.object({ article: z.number().int(), titleZh: z.string(), titleEn: z.string() }).optional(),
  payments: z.array(paymentView).optional(),
  /** Staff: the case's workflow (for the Temporal Web UI). */
  workflowId: z.string().optional(),
  /** Staff: tasks already done, with who closed them, when, and the decision's outcome. */
  doneTasks: z
    .array(z.object({ taskId: z.string(), kind: z.string(), stage: z.string(), role: z.string(), status: z.string(), closedAt: z.string().nullable(), closedBy: z.string().nullable(), outcome: z.record(z.string(), z.unknown()).nullable() }))
    .optional(),
  /** Approvals per support year: the amount, the budget year it draws on, when; released when revoked or withdrawn. */
  approvals: z
    .array(z.object({ supportYear: z.number().int(), budgetYear: z.number().int(), amountFen: z.number().int(), overBudgetReason: z.string().nullable(), status: z.string(), approvedAt: z.string() }))
    .optional(),
  /** 追回: what a revoked award must repay, per year and component, and whether finance confirmed it. */
  recoveries: z
    .array(z.object({ supportYear: z.number().int(), component: z.string(), amountFen: z.number().int(), grounds: z.string(), status: z.string(), reference: z.string().nullable(), settledAt: z.string().nullable() }))
    .optional(),
  assessments: z
    .array(
      z.object({
        supportYear: z.number().int(),
        policyVersion: z.string(),
        eligible: z.boolean(),
        amountFen: z.number().int(),
        assessedAt: z.string(),
        result: evaluationResult.describe('amount per component, caps, overlaps (第十三条), the more favourable alternative with its computation, the trace by article'),
      }),
    )
    .optional()
    .describe('the rules’ assessment of each support year (staff only)'),
});

/** What the case answers to a decision, a claim, a withdrawal or an objection. */
export const decisionReceipt = z.object({
  caseId: z.string(),
  taskId: z.string().optional(),
  stage: z.enum(STAGES).optional(),
  status: z.enum(CASE_STATUSES).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The inbox's filters and order, as a query string and as a saved view stores them. */
export const inboxFilters = z.object({
  program: z.enum(PROGRAM_CODES).optional(),
  stage: z.enum(STAGES).optional(),
  kind: z.enum(TASK_KINDS).optional(),
  caseId: safeLine().min(1).max(64).optional(),
  dueBefore: z.iso.datetime({ offset: true, error: 'must be an ISO date-time such as 2026-05-01T00:00:00Z' }).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only tasks past their due time'),
  sort: z.enum(INBOX_SORTS).optional().describe('due: soonest due first (default); -due: latest first'),
});
export type InboxFilters = z.infer<typeof inboxFilters>;
