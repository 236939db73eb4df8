// The rules' maximum for a case's current support year with its article-by-article
// explanation, for the people who decide on it (the committee first). Once the case
// has assessed the year (before its committee) that kept assessment is served, so
// what the committee reads is what bounds its approval. Before then the same
// computation (activities/assessment.ts) runs, read-only, on what the case was
// started with (its workflow's input: registration, qualifications, earlier years)
// and the facts of the year.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { explain } from '../../rules/index.js';
import type { EvaluationResult } from '../../rules/index.js';
import { Role } from '../../workflows/subsidy-case/messages.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { evaluationResult } from '../evaluation-schema.js';
import { readableCase } from '../policies.js';
import { assessUnkept } from '../current-assessment.js';
import { problemResponses } from '../problem.js';
import { assessmentOfYear } from '../repositories/assessments.js';
import { caseParams } from '../schemas.js';

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
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
      const kept = await assessmentOfYear(app.deps.db, row.id, row.supportYear);
      // Written by the assessment activity from the rules' EvaluationResult.
      const result = (kept?.result as EvaluationResult | undefined) ?? (await assessUnkept(app.deps, row));
      return { ...result, ...(request.query.lang && { explanation: explain(result, request.query.lang) }) };
    },
  );
};
