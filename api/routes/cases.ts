// One case: its read-model record, payments and workflow history; and the officer's
// formal-review decision, delivered to the workflow as an Update.
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cases, payments } from '../../db/schema.js';
import { caseWorkflowId, formalReviewUpdate, Role } from '../../workflows/subsidy-case/messages.js';
import type { Actor } from '../../workflows/subsidy-case/messages.js';
import { actorOf, requireRole } from '../auth.js';
import { readableHistory } from '../history.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { decisionProblem } from '../temporal-errors.js';

const caseParams = z.object({ caseId: z.string().min(1).max(64) });

const caseDetail = z.object({
  applicationId: z.string(),
  program: z.string(),
  enterpriseId: z.string(),
  policyVersion: z.string(),
  submittedOn: z.string(),
  stage: z.string(),
  status: z.string(),
  approvedAmountFen: z.number().int().nullable(),
  payments: z.array(
    z.object({ paymentKey: z.string(), supportYear: z.number().int(), component: z.string(), amountFen: z.number().int(), status: z.string() }),
  ),
  history: z.array(z.object({ eventId: z.number().int(), at: z.string(), type: z.string(), summary: z.string() })),
});

const formalReviewBody = z.object({
  decision: z.enum(['accept', 'reject']),
  reason: z.string().max(2000).optional(),
});

const decisionReceipt = z.object({ taskId: z.string(), acceptedAt: z.string() });

/** Staff roles that may read any case; applicants read only their enterprise's. */
const staffReaders: readonly Role[] = [Role.Officer, Role.Committee, Role.Finance, Role.Ops, Role.Admin];

function mayRead(actor: Actor, enterpriseId: string): boolean {
  if (actor.role === Role.Applicant) return actor.enterpriseId === enterpriseId;
  return staffReaders.includes(actor.role);
}

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:caseId',
    {
      schema: {
        summary: 'One case with its payments and history',
        params: caseParams,
        response: { 200: caseDetail, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { db, temporal } = app.deps;
      const [row] = await db.select().from(cases).where(eq(cases.id, request.params.caseId));
      // A case the caller may not read answers as if it did not exist.
      if (!row || !mayRead(actor, row.enterpriseId)) throw new HttpProblem(404, `no case ${request.params.caseId}`);
      const paid = await db.select().from(payments).where(eq(payments.caseId, row.id)).orderBy(asc(payments.id));
      return {
        applicationId: row.id,
        program: row.program,
        enterpriseId: row.enterpriseId,
        policyVersion: row.policyVersion,
        submittedOn: row.submittedOn,
        stage: row.stage,
        status: row.status,
        approvedAmountFen: row.approvedAmountFen,
        payments: paid.map(({ paymentKey, supportYear, component, amountFen, status }) => ({ paymentKey, supportYear, component, amountFen, status })),
        history: await readableHistory(temporal, row.workflowId),
      };
    },
  );

  app.post(
    '/cases/:caseId/formal-review',
    {
      schema: {
        summary: 'Decide the formal review (officer)',
        params: caseParams,
        body: formalReviewBody,
        response: { 200: decisionReceipt, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireRole(request, Role.Officer);
      const handle = app.deps.temporal.workflow.getHandle(caseWorkflowId(request.params.caseId));
      try {
        return await handle.executeUpdate(formalReviewUpdate, { args: [{ actor, ...request.body }] });
      } catch (error) {
        throw decisionProblem(error);
      }
    },
  );
};
