// The rules' maximum for a case's current support year with its article-by-article
// explanation, for the people who decide on it (the committee first). It runs the
// same assessment the case runs before its committee (activities/assessment.ts) on
// what the case was started with (its workflow's input: registration,
// qualifications, earlier years) and the facts of the year, so what the committee
// reads is what bounds its approval.
import { defaultPayloadConverter } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAssessmentActivities } from '../../activities/assessment.js';
import { explain } from '../../rules/index.js';
import type { Facts, ProgramCode } from '../../rules/index.js';
import { Role } from '../../workflows/subsidy-case/messages.js';
import type { CaseInput } from '../../workflows/subsidy-case/messages.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { readableCase } from '../policies.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { factsOfYear } from '../repositories/case-record.js';
import { caseParams } from '../schemas.js';
import { isWorkflowNotFound, temporalProblem } from '../temporal-errors.js';
import { evaluationResult } from './rules.js';

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const assess = createAssessmentActivities(app.deps.db).assessAmount;
  app.get(
    '/cases/:caseId/assessment',
    {
      config: only(Role.Officer, Role.Committee, Role.Finance, Role.Supervisor, Role.Ops),
      schema: {
        summary: "The rules' maximum for the case's current support year, with its article-by-article explanation (staff)",
        tags: ['cases'],
        params: caseParams,
        querystring: z.object({ lang: z.enum(['zh', 'en']).optional() }),
        response: { 200: evaluationResult, ...problemResponses },
      },
    },
    async (request) => {
      const row = await readableCase(app.deps.db, actorOf(request), request.params.caseId);
      let history: Awaited<ReturnType<ReturnType<typeof app.deps.temporal.workflow.getHandle>['fetchHistory']>>;
      try {
        history = await app.deps.temporal.workflow.getHandle(row.workflowId).fetchHistory();
      } catch (error) {
        if (isWorkflowNotFound(error)) throw new HttpProblem(409, `case ${row.id} has no workflow history to assess (Temporal no longer holds it)`);
        throw temporalProblem(error);
      }
      const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      if (!payload) throw new HttpProblem(409, `case ${row.id} has no workflow input to assess`);
      const input = defaultPayloadConverter.fromPayload<CaseInput>(payload);
      const facts = (await factsOfYear(app.deps.db, row.id, row.supportYear)) ?? (row.requestedFacts as Facts);
      const result = await assess({
        caseId: row.id,
        enterpriseId: row.enterpriseId,
        program: row.program as ProgramCode,
        submittedOn: row.submittedOn,
        policyVersion: row.policyVersion,
        supportYear: row.supportYear,
        priorYears: input.continuation?.priorYears ?? [],
        registeredInDistrict: input.registeredInDistrict,
        qualifications: input.qualifications,
        facts,
      });
      return { ...result, ...(request.query.lang && { explanation: explain(result, request.query.lang) }) };
    },
  );
};
