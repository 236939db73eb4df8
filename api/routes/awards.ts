// Multi-year awards: the beneficiary's yearly report (the answer to the case's open
// yearly-report task), and the committee's revocation of an award.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseWorkflowId, revokeUpdate, Role, TaskKind } from '../../workflows/subsidy-case/messages.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { sendDecision, yearlyReportBody } from '../decisions.js';
import { readableCase } from '../policies.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { safeText } from '../safe-text.js';
import { openTasksOfCase } from '../repositories/tasks.js';
import { caseParams, decisionReceipt } from '../schemas.js';
import { deliver } from './cases.js';

const revocationBody = z.strictObject({
  grounds: z.enum(['false-evidence', 'left-district', 'other']),
  reason: safeText().trim().min(1, { error: 'state why the award is revoked' }).max(4000),
});

export const awardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post(
    '/cases/:caseId/yearly-reports',
    {
      config: only(Role.Applicant),
      schema: {
        summary: "Submit the support year's report of actual figures (applicant, own enterprise)",
        description: 'Answers the open yearly-report task of the case; 409 when the case is not waiting for a report.',
        tags: ['cases'],
        params: caseParams,
        body: yearlyReportBody,
        response: { 200: decisionReceipt, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await readableCase(db, actor, request.params.caseId);
      const task = (await openTasksOfCase(db, row.id)).find((t) => t.kind === TaskKind.YearlyReport);
      if (!task) throw new HttpProblem(409, `case ${row.id} is not waiting for a yearly report (stage: ${row.stage})`);
      const handle = app.deps.temporal.workflow.getHandle(caseWorkflowId(row.id));
      return deliver(app.deps, row.id, () => sendDecision(handle, TaskKind.YearlyReport, task.id, actor, request.body));
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
        body: revocationBody,
        response: { 200: decisionReceipt, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await readableCase(db, actor, request.params.caseId);
      if (row.status !== 'in-progress') throw new HttpProblem(409, `case ${row.id} is already ${row.status}`);
      const handle = app.deps.temporal.workflow.getHandle(caseWorkflowId(row.id));
      return deliver(app.deps, row.id, () => handle.executeUpdate(revokeUpdate, { args: [{ actor, ...request.body }] }));
    },
  );
};
