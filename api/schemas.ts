// Request and response shapes shared by several routes. Each lists exactly the fields a caller
// may see; the serializer drops anything else a handler might pass.
import { z } from 'zod';
import { factsSchema as rulesFactsSchema, PROGRAM_CODES } from '../rules/index.js';
import { CaseStatus, Stage, TaskKind } from '../domain/vocabulary.js';
import { ROLES } from './auth.js';
import { evaluationResult } from './evaluation-schema.js';
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
  stage: z.enum(STAGES),
  status: z.enum(CASE_STATUSES),
  supportYear: z.number().int(),
  requestedFacts: z.record(z.string(), z.unknown()),
  evidence: z.array(z.object({ kind: z.string(), reference: z.string() })),
  maximumAmountFen: z.number().int().nullable().optional(),
  approvedAmountFen: z.number().int().nullable().optional(),
  closedReason: z.string().nullable().optional(),
  openTasks: z.array(taskView),
  payments: z.array(paymentView).optional(),
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
