// Multi-year awards: the beneficiary's yearly report (the answer to the case's open
// yearly-report task), and the committee's revocation of an award.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role, TaskKind } from '../../domain/vocabulary.js';
import { revokeUpdate } from '../../workflows/subsidy-case/messages.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { updateIdOf } from '../case-client.js';
import { decisionUpdate, yearlyReportBody } from '../decisions.js';
import { idempotencyHeaders, idempotentUpdate } from '../idempotency.js';
import { readableCase } from '../policies.js';
import { refuseIfAny } from '../application-checks.js';
import { checkDecisionContents } from '../decision-checks.js';
import { caseUpdateResponses, HttpProblem } from '../problem.js';
import { safeText } from '../safe-text.js';
import { openTasksOfCase } from '../repositories/tasks.js';
import { caseParams, decisionReceipt } from '../schemas.js';

const revocationBody = z.strictObject({
  grounds: z.enum(['false-evidence', 'left-district', 'other']),
  reason: safeText().trim().min(1, { error: 'state why the award is revoked' }).max(4000),
});

export const awardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, cases } = app.deps;

  app.post(
    '/cases/:caseId/yearly-reports',
    {
      config: only(Role.Applicant),
      schema: {
        summary: "Submit the support year's report of actual figures (applicant, own enterprise)",
        description: 'Answers the open yearly-report task of the case; 400 names each fact of the year missing or not the program’s; 409 when the case is not waiting for a report.',
        tags: ['cases'],
        params: caseParams,
        headers: idempotencyHeaders,
        body: yearlyReportBody,
        response: { 200: decisionReceipt, ...caseUpdateResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return idempotentUpdate(app.deps, request, reply, actor.userId, async () => {
        const row = await readableCase(db, actor, request.params.caseId);
        const identity = updateIdOf(request, actor.userId);
        const task = (await openTasksOfCase(db, row.id)).find((t) => t.kind === TaskKind.YearlyReport);
        if (!task) return cases.refuseUnlessTaken(row.id, identity, new HttpProblem(409, `case ${row.id} is not waiting for a yearly report (stage: ${row.stage})`));
        refuseIfAny(checkDecisionContents(TaskKind.YearlyReport, row, request.body).errors);
        return cases.sendToCase(row.id, decisionUpdate(TaskKind.YearlyReport), { ...request.body, taskId: task.id, actor }, identity);
      });
    },
  );

  app.post(
    '/cases/:caseId/revocation',
    {
      config: only(Role.Committee),
      schema: {
        summary: 'Revoke an approved award; recovery of what was paid follows (committee)',
        tags: ['cases'],
        params: caseParams,
        headers: idempotencyHeaders,
        body: revocationBody,
        response: { 200: decisionReceipt, ...caseUpdateResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return idempotentUpdate(app.deps, request, reply, actor.userId, async () => {
        const row = await readableCase(db, actor, request.params.caseId);
        const identity = updateIdOf(request, actor.userId);
        if (row.status !== 'in-progress') return cases.refuseUnlessTaken(row.id, identity, new HttpProblem(409, `case ${row.id} is already ${row.status}`));
        return cases.sendToCase(row.id, revokeUpdate, { actor, ...request.body }, identity);
      });
    },
  );
};
