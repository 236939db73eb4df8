// Tasks: my inbox, claiming and releasing a pooled task, and deciding a task. A
// decision goes to the case as the Update that answers the task's kind; the case's
// validator may still refuse it (422). Each may carry an Idempotency-Key: sent again,
// it gets the first one's answer, from the case itself if need be.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROGRAM_CODES } from '../../rules/index.js';
import type { EvaluationResult, ProgramCode } from '../../rules/index.js';
import { Role, TaskKind } from '../../domain/vocabulary.js';
import { claimTaskUpdate, releaseTaskUpdate } from '../../workflows/subsidy-case/messages.js';
import type { Actor, TaskKind as TaskKindType } from '../../domain/vocabulary.js';
import { anyUser, only } from '../access.js';
import { actorOf } from '../auth.js';
import { updateIdOf } from '../case-client.js';
import type { CaseReceipt, UpdateIdentity } from '../case-client.js';
import { decodeCursor, keysetPage, pageQuery } from '../cursor.js';
import { anyDecisionBody, decisionBodies, decisionBodyLines, decisionUpdate, scoreErrors } from '../decisions.js';
import { idempotencyHeaders, idempotentUpdate } from '../idempotency.js';
import { assertMayAct, maySeeTask } from '../policies.js';
import { caseUpdateResponses, HttpProblem, problemResponses } from '../problem.js';
import { assessmentOfYear } from '../repositories/assessments.js';
import { findCase } from '../repositories/cases.js';
import { findTaskWithCase, inbox } from '../repositories/tasks.js';
import { refuseIfAny } from '../application-checks.js';
import { checkDecisionContents } from '../decision-checks.js';
import type { TaskWithCase } from '../repositories/tasks.js';
import { decisionReceipt, pageOf, STAGES, TASK_KINDS, taskParams, taskView } from '../schemas.js';

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

/** Why a claim or release cannot be done on this task, if it cannot. */
function claimRefusal(verb: 'claim' | 'release', found: TaskWithCase, actor: Actor): HttpProblem | undefined {
  const { task } = found;
  if (task.status !== 'open') return new HttpProblem(409, `task ${task.id} is no longer open (${task.status})`);
  if (verb === 'claim' && task.assignee !== null && task.assignee !== actor.userId) return new HttpProblem(409, `task ${task.id} is already claimed by ${task.assignee}`);
  if (verb === 'release' && task.assignee !== actor.userId) return new HttpProblem(409, `task ${task.id} is not claimed by you`);
  return undefined;
}

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, cases } = app.deps;

  /** The task the caller may act on: 404 unseen, 403 not theirs. */
  async function actionableTask(actor: Actor, taskId: string): Promise<TaskWithCase & { kind: TaskKindType }> {
    const found = await findTaskWithCase(db, taskId);
    if (!found || !maySeeTask(actor, found)) throw new HttpProblem(404, `no task ${taskId}`);
    assertMayAct(actor, found);
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
      const showAssignee = actor.role !== Role.Applicant;
      return keysetPage(
        rows,
        limit,
        (t) => [t.dueKey, t.id],
        (t) => ({
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
        }),
      );
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
        schema: {
          summary: `${summary} (officer, committee, finance, supervisor)`,
          tags: ['tasks'],
          params: taskParams,
          headers: idempotencyHeaders,
          response: { 200: decisionReceipt, ...caseUpdateResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return idempotentUpdate(app.deps, request, reply, actor.userId, async () => {
          const found = await findTaskWithCase(db, request.params.taskId);
          if (!found || !maySeeTask(actor, found)) throw new HttpProblem(404, `no task ${request.params.taskId}`);
          if (found.task.role !== actor.role) throw new HttpProblem(403, `this task is for the role ${found.task.role}`);
          const identity = updateIdOf(request, actor.userId);
          const refusal = claimRefusal(verb, found, actor);
          if (refusal) return cases.refuseUnlessTaken(found.task.caseId, identity, refusal);
          return cases.sendToCase(found.task.caseId, update, { taskId: found.task.id, actor }, identity);
        });
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
          ...decisionBodyLines,
          '404 for a task you cannot see, 403 for one that is not yours, 409 when it is no longer open, 422 when the case refuses the decision.',
          'With an Idempotency-Key, the same decision sent again gets the first one’s answer. 503 (or 202) with type /problems/outcome-unknown when the case did not answer in time: send it again with the same key to learn the outcome.',
        ].join('\n'),
        tags: ['tasks'],
        params: taskParams,
        headers: idempotencyHeaders,
        body: anyDecisionBody,
        response: { 200: decisionReceipt, ...caseUpdateResponses },
      },
    },
    async (request, reply) => {
      // Only the body is validated by hand; other parts keep their 400.
      if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
      const actor = actorOf(request);
      return idempotentUpdate(app.deps, request, reply, actor.userId, () => decide(actor, request.params.taskId, request.body, updateIdOf(request, actor.userId)));
    },
  );

  /** A decision on a task: checked against the task's kind, then sent to its case. */
  async function decide(actor: Actor, taskId: string, body: unknown, identity: UpdateIdentity): Promise<CaseReceipt> {
    const found = await actionableTask(actor, taskId);
    if (found.task.status !== 'open') return cases.refuseUnlessTaken(found.task.caseId, identity, new HttpProblem(409, `task ${taskId} is no longer open (${found.task.status})`));
    const parsed = decisionBodies[found.kind].schema.safeParse(body ?? {});
    const errors = parsed.success ? [] : parsed.error.issues.flatMap((issue) => fieldErrors(issue));
    if (parsed.success && found.kind === TaskKind.ExpertScoring) {
      errors.push(...scoreErrors(found.policyVersion, found.caseProgram as ProgramCode, (parsed.data as { scores: Record<string, number> }).scores));
    }
    if (!parsed.success || errors.length > 0) throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    const row = await findCase(db, found.task.caseId);
    if (!row) throw new HttpProblem(404, `no task ${taskId}`);
    const assessed = found.kind === TaskKind.CommitteeDecision ? await assessmentOfYear(db, row.id, row.supportYear) : undefined;
    const checked = checkDecisionContents(found.kind, row, parsed.data, assessed?.result as EvaluationResult | undefined);
    refuseIfAny(checked.errors);
    return cases.sendToCase(found.task.caseId, decisionUpdate(found.kind), { ...checked.body, taskId: found.task.id, actor }, identity);
  }
};

function fieldErrors(issue: z.core.$ZodIssue): { field: string; message: string }[] {
  const at = ['body', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: `${at}.${key}`, message: 'is not a field of this decision' }));
  return [{ field: at, message: issue.message }];
}
