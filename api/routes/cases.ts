// Cases: the list (filtered to what the caller may see), one case, and the two
// messages that are not answers to a task: the applicant's withdrawal and an
// objection received during the public notice.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROGRAM_CODES, programDefinition } from '../../rules/index.js';
import type { ProgramCode } from '../../rules/index.js';
import { Role, Stage, TaskKind } from '../../domain/vocabulary.js';
import type { Database } from '../../db/client.js';
import { objectionUpdate, withdrawUpdate } from '../../workflows/subsidy-case/messages.js';
import type { Actor } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { updateIdOf } from '../case-client.js';
import { decodeCursor, keysetPage, pageQuery } from '../cursor.js';
import type { EvaluationView } from '../evaluation-schema.js';
import { idempotencyHeaders, idempotentUpdate } from '../idempotency.js';
import { CASE_READERS, readableCase } from '../policies.js';
import { caseUpdateResponses, HttpProblem, problemResponses } from '../problem.js';
import { listCases } from '../repositories/cases.js';
import type { CaseRow } from '../repositories/cases.js';
import { assessmentsOfCase } from '../repositories/assessments.js';
import { approvalsOfCase, closedTasksOfCase, lastReturnOfCase, recoveriesOfCase } from '../repositories/case-record.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { paymentsOfCase } from '../repositories/money.js';
import { openTasksOfCase } from '../repositories/tasks.js';
import type { TaskRow } from '../repositories/tasks.js';
import { safeLine, safeText } from '../safe-text.js';
import { CASE_STATUSES, caseDetail, caseParams, caseSummary, decisionReceipt, pageOf, STAGES } from '../schemas.js';
import type { TaskView } from '../schemas.js';

const listQuery = z.object({
  program: z.enum(PROGRAM_CODES).optional(),
  stage: z.enum(STAGES).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2999).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only cases with an open task past its due date'),
  caseId: safeLine().trim().min(1).max(64).optional().describe('cases whose id starts with this'),
  enterprise: safeLine().trim().min(1).max(200).optional().describe('cases of enterprises whose id is this or whose name contains it'),
  ...pageQuery,
});
const caseCursor = z.tuple([z.iso.date(), z.string()]);

function measureOf(row: CaseRow): { article: number; titleZh: string; titleEn: string } | undefined {
  try {
    const { article, titleZh, titleEn } = programDefinition(row.policyVersion, row.program as ProgramCode);
    return { article, titleZh, titleEn };
  } catch {
    return undefined;
  }
}

/** What the formal review that returned the application asked for: its reason, when, and the correction's deadline. */
async function correctionRequestOf(db: Database, caseId: string, correction: TaskRow) {
  const returned = await lastReturnOfCase(db, caseId);
  return { reason: returned?.reason ?? '', requestedAt: returned?.closedAt.toISOString() ?? correction.createdAt.toISOString(), dueAt: correction.dueAt?.toISOString() ?? null };
}

export function taskToView(task: TaskRow, showAssignee: boolean): TaskView {
  return {
    taskId: task.id,
    caseId: task.caseId,
    kind: task.kind,
    stage: task.stage,
    program: task.program,
    role: task.role,
    ...(showAssignee && { assignee: task.assignee }),
    dueAt: task.dueAt?.toISOString() ?? null,
    escalation: task.escalation,
    createdAt: task.createdAt.toISOString(),
  };
}

/** The case as this caller may see it: applicants see their own tasks only, experts see no money. */
async function detailFor(app: Parameters<FastifyPluginAsyncZod>[0], actor: Actor, row: CaseRow): Promise<z.infer<typeof caseDetail>> {
  const open = await openTasksOfCase(app.deps.db, row.id);
  const isApplicant = actor.role === Role.Applicant;
  const isExpert = actor.role === Role.Expert;
  const visibleTasks = isApplicant ? open.filter((t) => t.role === Role.Applicant) : isExpert ? open.filter((t) => t.assignee === actor.userId) : open;
  const base = {
    caseId: row.id,
    applicationId: row.id,
    program: row.program,
    enterpriseId: row.enterpriseId,
    policyVersion: row.policyVersion,
    noticeYear: row.noticeYear,
    submittedOn: row.submittedOn,
    recordedAt: row.createdAt.toISOString(),
    // Closing is the case's last write in the read model (the ops overview counts it so too).
    closedAt: row.stage === 'closed' ? row.updatedAt.toISOString() : null,
    stage: row.stage,
    status: row.status,
    supportYear: row.supportYear,
    requestedFacts: row.requestedFacts as Record<string, unknown>,
    evidence: Array.isArray(row.evidence) ? (row.evidence as { kind: string; reference: string }[]) : [],
    openTasks: visibleTasks.map((t) => taskToView(t, !isApplicant)),
    measure: measureOf(row),
  };
  if (isExpert) return base;
  const paid = await paymentsOfCase(app.deps.db, row.id);
  const [approvals, owed, done, enterprise, assessed] = await Promise.all([
    approvalsOfCase(app.deps.db, row.id),
    recoveriesOfCase(app.deps.db, row.id),
    isApplicant ? Promise.resolve([]) : closedTasksOfCase(app.deps.db, row.id),
    findEnterprise(app.deps.db, row.enterpriseId),
    isApplicant ? Promise.resolve([]) : assessmentsOfCase(app.deps.db, row.id),
  ]);
  const correction = open.find((t) => t.kind === TaskKind.Correction);
  const staffPart = isApplicant
    ? {}
    : {
        workflowId: row.workflowId,
        doneTasks: done.map((t) => ({
          taskId: t.id,
          kind: t.kind,
          stage: t.stage,
          role: t.role,
          status: t.status,
          closedAt: t.closedAt?.toISOString() ?? null,
          closedBy: t.closedBy,
          outcome: (t.outcome as Record<string, unknown> | null) ?? null,
        })),
        assessments: assessed.map((a) => ({
          supportYear: a.supportYear,
          policyVersion: a.policyVersion,
          eligible: a.eligible,
          amountFen: a.amountFen,
          assessedAt: a.assessedAt.toISOString(),
          // Written by the assessment activity from the rules' EvaluationResult.
          result: a.result as EvaluationView,
        })),
      };
  return {
    ...base,
    maximumAmountFen: row.maximumAmountFen,
    approvedAmountFen: row.approvedAmountFen,
    closedReason: row.closedReason,
    payments: paid.map((p) => ({
      paymentKey: p.paymentKey,
      supportYear: p.supportYear,
      component: p.component,
      amountFen: p.amountFen,
      status: p.status,
      attempts: p.attempts,
      reference: p.reference,
      settledAt: p.settledAt?.toISOString() ?? null,
    })),
    enterpriseName: enterprise?.name ?? null,
    // Why the committee approved over budget is the office's own note, not the enterprise's business.
    approvals: approvals.map(({ createdAt, ...a }) => ({ ...a, ...(isApplicant && { overBudgetReason: null }), approvedAt: createdAt.toISOString() })),
    recoveries: owed.map((r) => ({ ...r, settledAt: r.settledAt?.toISOString() ?? null })),
    correctionRequest: correction ? await correctionRequestOf(app.deps.db, row.id, correction) : null,
    ...staffPart,
  };
}

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, cases } = app.deps;

  app.get(
    '/cases',
    {
      config: only(...CASE_READERS),
      schema: {
        summary: 'List and search cases: an applicant its enterprise’s, an expert those it sits on, staff all',
        tags: ['cases'],
        querystring: listQuery,
        response: { 200: pageOf(caseSummary), ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, overdue, ...filters } = request.query;
      const after = decodeCursor(cursor, caseCursor);
      const rows = await listCases(db, {
        ...filters,
        overdue: overdue === 'true',
        ...(actor.role === Role.Applicant && { enterpriseId: actor.enterpriseId ?? '' }),
        ...(actor.role === Role.Expert && { expertId: actor.userId }),
        ...(after && { after: { submittedOn: after[0], id: after[1] } }),
        limit: limit + 1,
        now: app.deps.now(),
      });
      return keysetPage(
        rows,
        limit,
        (r) => [r.submittedOn, r.id],
        (r) => ({
          caseId: r.id,
          program: r.program,
          enterpriseId: r.enterpriseId,
          enterpriseName: r.enterpriseName,
          noticeYear: r.noticeYear,
          submittedOn: r.submittedOn,
          stage: r.stage,
          status: r.status,
          supportYear: r.supportYear,
          ...(actor.role !== Role.Expert && { approvedAmountFen: r.approvedAmountFen }),
          ...(actor.role !== Role.Expert && actor.role !== Role.Applicant && { workflowId: r.workflowId }),
          updatedAt: r.updatedAt.toISOString(),
        }),
      );
    },
  );

  app.get(
    '/cases/:caseId',
    {
      config: only(...CASE_READERS),
      schema: { summary: 'One case with its open tasks and payments', tags: ['cases'], params: caseParams, response: { 200: caseDetail, ...problemResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      return detailFor(app, actor, await readableCase(db, actor, request.params.caseId));
    },
  );

  app.post(
    '/cases/:caseId/withdraw',
    {
      config: only(Role.Applicant),
      schema: {
        summary: 'Withdraw the application (applicant, own enterprise)',
        tags: ['cases'],
        params: caseParams,
        headers: idempotencyHeaders,
        body: z.strictObject({ reason: safeText().max(2000).optional() }).nullish(),
        response: { 200: decisionReceipt, ...caseUpdateResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return idempotentUpdate(app.deps, request, reply, actor.userId, async () => {
        const row = await readableCase(db, actor, request.params.caseId);
        const identity = updateIdOf(request, actor.userId);
        if (row.status !== 'in-progress') return cases.refuseUnlessTaken(row.id, identity, new HttpProblem(409, `case ${row.id} is already ${row.status}`));
        const reason = request.body?.reason;
        return cases.sendToCase(row.id, withdrawUpdate, { actor, ...(reason !== undefined && { reason }) }, identity);
      });
    },
  );

  app.post(
    '/cases/:caseId/objections',
    {
      config: only(Role.Officer, Role.Ops),
      schema: {
        summary: 'Record an objection received during the public notice (officer, ops)',
        tags: ['cases'],
        params: caseParams,
        headers: idempotencyHeaders,
        body: z.strictObject({ reason: safeText().trim().min(1, { error: 'state the grounds of the objection' }).max(4000) }),
        response: { 200: decisionReceipt, ...caseUpdateResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return idempotentUpdate(app.deps, request, reply, actor.userId, async () => {
        const row = await readableCase(db, actor, request.params.caseId);
        const identity = updateIdOf(request, actor.userId);
        if (row.stage !== Stage.PublicNotice) return cases.refuseUnlessTaken(row.id, identity, new HttpProblem(409, `case ${row.id} is not in its public notice (stage: ${row.stage})`));
        return cases.sendToCase(row.id, objectionUpdate, { actor, reason: request.body.reason }, identity);
      });
    },
  );
};
