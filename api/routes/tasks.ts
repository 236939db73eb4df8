// Tasks: my inbox, claiming and releasing a pooled task, and deciding a task. A
// decision goes to the case as the Update that answers the task's kind; the case's
// validator may still refuse it (422). Each may carry an Idempotency-Key: sent again,
// it gets the first one's answer, from the case itself if need be.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { programDefinition } from '../../rules/index.js';
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
import { budgetLeft } from '../repositories/budget-left.js';
import { findCase } from '../repositories/cases.js';
import { findTaskWithCase, inbox, inboxCounts, subjectsOf } from '../repositories/tasks.js';
import { refuseIfAny } from '../application-checks.js';
import { checkDecisionContents } from '../decision-checks.js';
import { refuseCountersignByVerifier } from '../countersign.js';
import { committeeFormSchema } from '../committee-form.js';
import type { TaskWithCase } from '../repositories/tasks.js';
import { decisionReceipt, inboxFilters, pageOf, TASK_KINDS, taskParams, taskView } from '../schemas.js';

const inboxQuery = inboxFilters.extend(pageQuery);
const inboxCursor = z.tuple([z.string().nullable(), z.string()]);

/** Roles whose tasks are pooled (any holder of the role may take one). */
const POOLED: Role[] = [Role.Officer, Role.Committee, Role.Finance, Role.Supervisor];
const DECIDERS: Role[] = [Role.Applicant, Role.Expert, ...POOLED];

/** Who decides each kind, for the per-kind routes' summaries. */
const DECIDER_OF_KIND: Record<TaskKindType, string> = {
  'formal-review': 'officer',
  correction: 'applicant, own enterprise',
  'expert-conflict': 'the drawn expert',
  'expert-scoring': 'the drawn expert',
  'committee-decision': 'committee',
  'payment-confirmation': 'finance',
  'yearly-report': 'applicant, own enterprise',
  'yearly-verification': 'officer',
  'yearly-countersign': 'officer, not the one who verified',
  'repayment-confirmation': 'finance',
};

/** The decision bodies as JSON Schema, computed once: the same zod schemas the routes validate with. */
const DECISION_FORMS = Object.fromEntries(TASK_KINDS.map((kind) => [kind, z.toJSONSchema(decisionBodies[kind].schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>]));

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
        description:
          'An expert sees only the tasks drawn for it; an applicant only its enterprise’s. Keyset-paginated: pass nextCursor back as cursor (with the same filters and sort). Payment and repayment confirmations carry their subject: year, component and amount.',
        tags: ['tasks'],
        querystring: inboxQuery,
        response: { 200: pageOf(taskView), ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, dueBefore, overdue, ...filters } = request.query;
      const after = decodeCursor(cursor, inboxCursor);
      // Overdue: due before now, or before the given time if that is earlier.
      const now = app.deps.now();
      const dueLimit = overdue === 'true' ? (dueBefore && new Date(dueBefore) < now ? new Date(dueBefore) : now) : dueBefore ? new Date(dueBefore) : undefined;
      const rows = await inbox(db, actor, {
        ...filters,
        ...(dueLimit && { dueBefore: dueLimit }),
        ...(after && { after: { dueKey: after[0], id: after[1] } }),
        limit: limit + 1,
      });
      const showAssignee = actor.role !== Role.Applicant;
      const page = rows.slice(0, limit);
      const subjects = page.some((t) => t.kind === TaskKind.PaymentConfirmation || t.kind === TaskKind.RepaymentConfirmation) ? await subjectsOf(db, page) : undefined;
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
          ...(subjects?.has(t.id) && { subject: subjects.get(t.id) }),
        }),
      );
    },
  );

  app.get(
    '/tasks/counts',
    {
      config: anyUser,
      schema: {
        summary: 'How many of my open tasks fall under each filter: total, overdue, by program, stage and kind',
        tags: ['tasks'],
        response: {
          200: z.object({ total: z.number().int(), overdue: z.number().int(), byProgram: z.record(z.string(), z.number().int()), byStage: z.record(z.string(), z.number().int()), byKind: z.record(z.string(), z.number().int()) }),
          ...problemResponses,
        },
      },
    },
    async (request) => inboxCounts(db, actorOf(request), app.deps.now()),
  );

  app.get(
    '/tasks/:taskId',
    {
      config: anyUser,
      schema: { summary: 'One task I may see, open or closed, with its subject', tags: ['tasks'], params: taskParams, response: { 200: taskView.extend({ status: z.string(), closedAt: z.string().nullable(), closedBy: z.string().nullable().optional() }), ...problemResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const found = await findTaskWithCase(db, request.params.taskId);
      if (!found || !maySeeTask(actor, found)) throw new HttpProblem(404, `no task ${request.params.taskId}`);
      const t = found.task;
      const subjects = await subjectsOf(db, [t]);
      const staff = actor.role !== Role.Applicant;
      return {
        taskId: t.id,
        caseId: t.caseId,
        kind: t.kind,
        stage: t.stage,
        program: t.program,
        role: t.role,
        ...(staff && { assignee: t.assignee, closedBy: t.closedBy }),
        dueAt: t.dueAt?.toISOString() ?? null,
        escalation: t.escalation,
        createdAt: t.createdAt.toISOString(),
        subject: subjects.get(t.id) ?? null,
        status: t.status,
        closedAt: t.closedAt?.toISOString() ?? null,
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
          if (verb === 'claim') await refuseCountersignByVerifier(db, actor, found.task);
          const identity = updateIdOf(request, actor.userId);
          const refusal = claimRefusal(verb, found, actor);
          if (refusal) return cases.refuseUnlessTaken(found.task.caseId, identity, refusal);
          return cases.sendToCase(found.task.caseId, update, { taskId: found.task.id, actor }, identity);
        });
      },
    );
  }

  /**
   * A decision on a task, from the generic route or its kind's own route: checked
   * against the task's kind (400 naming each field), then the application's and the
   * decision's contents checks, then sent to its case through the case client.
   */
  async function decide(actor: Actor, taskId: string, body: unknown, identity: UpdateIdentity, expectedKind?: TaskKindType): Promise<CaseReceipt> {
    const found = await actionableTask(actor, taskId);
    if (expectedKind && found.kind !== expectedKind) throw new HttpProblem(409, `task ${taskId} is a ${found.kind} task, not ${expectedKind}`);
    if (found.task.status !== 'open') return cases.refuseUnlessTaken(found.task.caseId, identity, new HttpProblem(409, `task ${taskId} is no longer open (${found.task.status})`));
    await refuseCountersignByVerifier(db, actor, found.task);
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

  const refusals = [
    '404 for a task you cannot see, 403 for one that is not yours, 409 when it is no longer open (or is of another kind), 422 when the case refuses the decision.',
    'With an Idempotency-Key, the same decision sent again to the same path gets the first one’s answer. 503 (or 202) with type /problems/outcome-unknown when the case did not answer in time: send it again with the same key to learn the outcome.',
  ].join('\n');

  app.post(
    '/tasks/:taskId/decision',
    {
      config: only(...DECIDERS),
      // The body's shape depends on the task's kind, known only once the task is read:
      // the handler validates it with that kind's schema (400 naming each field).
      attachValidation: true,
      schema: {
        summary: 'Decide a task of any kind (its role, or its assignee)',
        description: [
          'The body is the one of the task’s kind: each kind has its own route below, /tasks/{taskId}/decision/{kind}, with its body schema; this route takes the same bodies without naming the kind:',
          ...decisionBodyLines,
          refusals,
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

  // One route per kind, so the OpenAPI document carries each kind's body schema; each
  // decides through the same function as the generic route.
  for (const kind of TASK_KINDS) {
    app.post(
      `/tasks/:taskId/decision/${kind}`,
      {
        config: only(...DECIDERS),
        attachValidation: true,
        schema: {
          summary: `Decide a ${kind} task (${DECIDER_OF_KIND[kind]})`,
          description: refusals,
          tags: ['decisions'],
          params: taskParams,
          headers: idempotencyHeaders,
          body: decisionBodies[kind].schema,
          response: { 200: decisionReceipt, ...caseUpdateResponses },
        },
      },
      async (request, reply) => {
        if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
        const actor = actorOf(request);
        return idempotentUpdate(app.deps, request, reply, actor.userId, () => decide(actor, request.params.taskId, request.body, updateIdOf(request, actor.userId), kind));
      },
    );
  }

  app.get(
    '/tasks/:taskId/decision-form',
    {
      config: anyUser,
      schema: {
        summary: 'The decision form of one task: its kind’s body schema (JSON Schema of the zod schema the API validates with) and the program’s scoring criteria and pass mark',
        description: 'For a committee decision, standingProgram offers only the program applied for and the more favourable ones the assessment lists (第十三条), and is left out when it lists none.',
        tags: ['decisions'],
        params: taskParams,
        response: {
          200: z.object({
            kind: z.string(),
            schema: z.record(z.string(), z.unknown()),
            criteria: z.array(z.object({ name: z.string(), nameZh: z.string(), maxPoints: z.number().int() })).nullable(),
            passMark: z.number().nullable(),
            /** Committee: the program's budget of the year this approval draws on, what approvals reserved of it, what is left. */
            budget: z.object({ year: z.number().int(), budgetFen: z.number().int(), approvedFen: z.number().int(), leftFen: z.number().int() }).nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const found = await findTaskWithCase(db, request.params.taskId);
      if (!found || !maySeeTask(actor, found) || !isTaskKind(found.task.kind)) throw new HttpProblem(404, `no task ${request.params.taskId}`);
      // Criteria and pass mark for every kind: the scoring form, and earlier score sheets read by criterion.
      const program = programDefinition(found.policyVersion, found.caseProgram as ProgramCode);
      const schema = DECISION_FORMS[found.task.kind] as Record<string, unknown>;
      const committee = found.task.kind === TaskKind.CommitteeDecision ? await findCase(db, found.task.caseId) : undefined;
      const assessed = committee ? await assessmentOfYear(db, committee.id, committee.supportYear) : undefined;
      return {
        kind: found.task.kind,
        schema: committee ? committeeFormSchema(schema, committee.program, assessed?.result as EvaluationResult | undefined) : schema,
        criteria: program.criteria.length > 0 ? program.criteria.map(({ name, nameZh, maxPoints }) => ({ name, nameZh, maxPoints })) : null,
        passMark: program.passMark,
        budget: found.task.kind === TaskKind.CommitteeDecision ? await budgetLeft(db, found.caseProgram, found.task.caseId) : null,
      };
    },
  );

  app.get(
    '/decision-forms',
    {
      config: anyUser,
      schema: {
        summary: 'Each task kind’s decision body as JSON Schema (the schema the API validates with), for forms generated from it',
        tags: ['decisions'],
        response: { 200: z.object({ kinds: z.record(z.string(), z.record(z.string(), z.unknown())) }), ...problemResponses },
      },
    },
    async () => ({ kinds: DECISION_FORMS }),
  );
};

function fieldErrors(issue: z.core.$ZodIssue): { field: string; message: string }[] {
  const at = ['body', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: `${at}.${key}`, message: 'is not a field of this decision' }));
  return [{ field: at, message: issue.message }];
}
