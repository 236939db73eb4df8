// Tasks: my inbox, claiming and releasing a pooled task, and deciding a task. A
// decision goes to the case as the Update that answers the task's kind; the case's
// validator may still refuse it (422).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROGRAM_CODES } from '../../rules/index.js';
import type { ProgramCode } from '../../rules/index.js';
import { claimTaskUpdate, releaseTaskUpdate, Role, TaskKind } from '../../workflows/subsidy-case/messages.js';
import type { Actor, TaskKind as TaskKindType } from '../../workflows/subsidy-case/messages.js';
import { anyUser, only } from '../access.js';
import { actorOf } from '../auth.js';
import { decodeCursor, encodeCursor, pageQuery } from '../cursor.js';
import { anyDecisionBody, decisionBodies, scoreErrors, sendDecision } from '../decisions.js';
import { assertMayAct, maySeeTask } from '../policies.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { findTaskWithCase, inbox } from '../repositories/tasks.js';
import type { TaskWithCase } from '../repositories/tasks.js';
import { decisionReceipt, pageOf, STAGES, TASK_KINDS, taskParams, taskView } from '../schemas.js';
import { deliver } from './cases.js';

const inboxQuery = z.object({
  program: z.enum(PROGRAM_CODES).optional(),
  stage: z.enum(STAGES).optional(),
  kind: z.enum(TASK_KINDS).optional(),
  dueBefore: z.iso.datetime({ offset: true, error: 'must be an ISO date-time such as 2026-05-01T00:00:00Z' }).optional(),
  ...pageQuery,
});
const inboxCursor = z.tuple([z.string().nullable(), z.string()]);

/** Roles whose tasks are pooled (any holder of the role may take one). */
const POOLED: Role[] = [Role.Officer, Role.Committee, Role.Finance, Role.Supervisor];
const DECIDERS: Role[] = [Role.Applicant, Role.Expert, ...POOLED];

const isTaskKind = (kind: string): kind is TaskKindType => (TASK_KINDS as readonly string[]).includes(kind);

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  /** The open task the caller may act on: 404 unseen, 403 not theirs, 409 not open. */
  async function actionableTask(actor: Actor, taskId: string): Promise<TaskWithCase & { kind: TaskKindType }> {
    const found = await findTaskWithCase(db, taskId);
    if (!found || !maySeeTask(actor, found)) throw new HttpProblem(404, `no task ${taskId}`);
    assertMayAct(actor, found);
    if (found.task.status !== 'open') throw new HttpProblem(409, `task ${taskId} is no longer open (${found.task.status})`);
    if (!isTaskKind(found.task.kind)) throw new Error(`task ${taskId} has an unknown kind ${found.task.kind}`);
    return { ...found, kind: found.task.kind };
  }

  app.get(
    '/tasks',
    {
      config: anyUser,
      schema: {
        summary: 'My inbox: open tasks for my role or assigned to me, soonest due first',
        description: 'An expert sees only the tasks drawn for it; an applicant only its enterprise’s. Keyset-paginated: pass nextCursor back as cursor.',
        tags: ['tasks'],
        querystring: inboxQuery,
        response: { 200: pageOf(taskView), ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, dueBefore, ...filters } = request.query;
      const after = decodeCursor(cursor, inboxCursor);
      const rows = await inbox(db, actor, {
        ...filters,
        ...(dueBefore && { dueBefore: new Date(dueBefore) }),
        ...(after && { after: { dueKey: after[0], id: after[1] } }),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const showAssignee = actor.role !== Role.Applicant;
      return {
        items: page.map((t) => ({
          taskId: t.id,
          caseId: t.caseId,
          kind: t.kind,
          stage: t.stage,
          program: t.program,
          role: t.role,
          ...(showAssignee && { assignee: t.assignee }),
          dueAt: t.dueAt,
          escalation: t.escalation,
          createdAt: t.createdAt,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.dueKey, last.id]) : null,
      };
    },
  );

  for (const [verb, update, summary] of [
    ['claim', claimTaskUpdate, 'Claim a pooled task: it is assigned to me until I release or decide it'],
    ['release', releaseTaskUpdate, 'Release a task I claimed back to the pool'],
  ] as const) {
    app.post(
      `/tasks/:taskId/${verb}`,
      {
        config: only(...POOLED),
        schema: { summary: `${summary} (officer, committee, finance, supervisor)`, tags: ['tasks'], params: taskParams, response: { 200: decisionReceipt, ...problemResponses } },
      },
      async (request) => {
        const actor = actorOf(request);
        const found = await findTaskWithCase(db, request.params.taskId);
        if (!found || !maySeeTask(actor, found)) throw new HttpProblem(404, `no task ${request.params.taskId}`);
        if (found.task.role !== actor.role) throw new HttpProblem(403, `this task is for the role ${found.task.role}`);
        if (found.task.status !== 'open') throw new HttpProblem(409, `task ${found.task.id} is no longer open (${found.task.status})`);
        if (verb === 'claim' && found.task.assignee !== null && found.task.assignee !== actor.userId) throw new HttpProblem(409, `task ${found.task.id} is already claimed by ${found.task.assignee}`);
        if (verb === 'release' && found.task.assignee !== actor.userId) throw new HttpProblem(409, `task ${found.task.id} is not claimed by you`);
        const handle = app.deps.temporal.workflow.getHandle(found.workflowId);
        return deliver(app.deps, found.task.caseId, () => handle.executeUpdate(update, { args: [{ taskId: found.task.id, actor }] }));
      },
    );
  }

  app.post(
    '/tasks/:taskId/decision',
    {
      config: only(...DECIDERS),
      // The body's shape depends on the task's kind, known only once the task is read:
      // the handler validates it with that kind's schema (400 naming each field).
      attachValidation: true,
      schema: {
        summary: 'Decide a task (its role, or its assignee)',
        description: [
          'The body depends on the task kind:',
          '- formal-review (officer): {decision: accept|return|reject, reason}',
          '- correction (applicant, own enterprise): {facts?, evidence?, note?}',
          '- expert-conflict (the drawn expert): {hasConflict, detail?}',
          '- expert-scoring (the drawn expert): {scores: {criterion: points}, comment?}',
          '- committee-decision (committee): {decision: approve|reject, amountFen?, reason?, resolutionRef?, budget?}',
          '- payment-confirmation (finance): {outcome: paid|failed, reference?, reason?}',
          "- yearly-report (applicant, own enterprise): {facts, evidence?, note?} (the year's actual figures)",
          '- yearly-verification (officer): {outcome: verified|failed, verifiedFacts?, reason?}',
          '- repayment-confirmation (finance): {reference}',
          '404 for a task you cannot see, 403 for one that is not yours, 409 when it is no longer open, 422 when the case refuses the decision.',
        ].join('\n'),
        tags: ['tasks'],
        params: taskParams,
        body: anyDecisionBody,
        response: { 200: decisionReceipt, ...problemResponses },
      },
    },
    async (request) => {
      // Only the body is validated by hand; other parts keep their 400.
      if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
      const actor = actorOf(request);
      const found = await actionableTask(actor, request.params.taskId);
      const parsed = decisionBodies[found.kind].safeParse(request.body ?? {});
      const errors = parsed.success ? [] : parsed.error.issues.flatMap((issue) => fieldErrors(issue));
      if (parsed.success && found.kind === TaskKind.ExpertScoring) {
        errors.push(...scoreErrors(found.policyVersion, found.caseProgram as ProgramCode, (parsed.data as { scores: Record<string, number> }).scores));
      }
      if (!parsed.success || errors.length > 0) throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      const handle = app.deps.temporal.workflow.getHandle(found.workflowId);
      return deliver(app.deps, found.task.caseId, () => sendDecision(handle, found.kind, found.task.id, actor, parsed.data));
    },
  );
};

function fieldErrors(issue: z.core.$ZodIssue): { field: string; message: string }[] {
  const at = ['body', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: `${at}.${key}`, message: 'is not a field of this decision' }));
  return [{ field: at, message: issue.message }];
}
