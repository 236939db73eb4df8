// The applicant's live estimate: what the rules would allow for an application as it
// stands, before it is filed, with the explanation article by article. The same
// computation the case runs at its assessment (activities/assessment.ts): the
// enterprise's registration, blacklist flag and earlier awards come from the office's
// records, the date and policy version are today's. Nothing is recorded.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { computeAssessment } from '../../activities/assessment.js';
import { explain, getPolicyVersion, policyVersionInForce, programInputErrors, PROGRAM_CODES, QUALIFICATIONS, RulesInputError } from '../../rules/index.js';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { districtDate } from '../app-context.js';
import { contentErrors, refuseIfAny } from '../application-checks.js';
import { actorOf } from '../auth.js';
import { applicantFacts } from '../decisions.js';
import { evaluationResult } from '../evaluation-schema.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { findEnterprise } from '../repositories/enterprises.js';

const estimateBody = z.strictObject({
  program: z.enum(PROGRAM_CODES),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).default([]),
  facts: applicantFacts.default({}),
});

export const estimateView = z.object({
  missing: z.array(z.object({ field: z.string(), message: z.string() })).describe('facts the application must still state, by field (body.facts.x)'),
  estimate: evaluationResult.nullable().describe('the rules’ result for support year 1; null while the rules still need a missing fact to compute'),
});

/** The estimate is of an application not yet filed: no case of this id exists. */
const NOT_FILED = '(estimate)';

export const estimateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/applications/estimate',
    {
      config: only(Role.Applicant),
      schema: {
        summary: 'Estimate an application before filing it: the rules’ amount with the explanation by article (applicant)',
        description:
          'Takes the program, recognitions and facts of a draft application; the enterprise’s registration, blacklist flag and earlier awards (第十三条) are the office’s records. Answers the rules’ result for support year 1 under the version in force today, and `missing`: facts still to state. Records nothing.',
        tags: ['applications'],
        querystring: z.object({ lang: z.enum(['zh', 'en']).optional().describe('also return the readable explanation in this language') }),
        body: estimateBody,
        response: { 200: estimateView, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const enterprise = await findEnterprise(app.deps.db, actor.enterpriseId ?? '');
      if (!enterprise) throw new HttpProblem(403, `enterprise ${actor.enterpriseId} is not registered with the office`);
      const submittedOn = districtDate(app.deps.now());
      const policyVersion = policyVersionInForce(submittedOn).id;
      const { program, qualifications, facts } = request.body;
      // What the application could never file is a 400; what it has not stated yet is `missing`.
      const foreign = programInputErrors(getPolicyVersion(policyVersion), program, { facts, qualifications }, { facts: 'body.facts', qualifications: 'body.qualifications' });
      if (facts.decidedAmountFen !== undefined) foreign.push({ field: 'body.facts.decidedAmountFen', message: 'is set by the committee, not by the applicant' });
      refuseIfAny(foreign);
      // Evidence is not asked here: the estimate is about the amount.
      const missing = contentErrors(policyVersion, program, 1, { facts, qualifications });
      try {
        const result = await computeAssessment(app.deps.db, {
          caseId: NOT_FILED,
          enterpriseId: enterprise.id,
          program,
          submittedOn,
          policyVersion,
          supportYear: 1,
          priorYears: [],
          registeredInDistrict: enterprise.registeredInDistrict,
          qualifications,
          facts,
        });
        const lang = request.query.lang;
        return { missing, estimate: { ...result, ...(lang && { explanation: explain(result, lang) }) } };
      } catch (error) {
        // The rules need a fact before they can compute: the form is not finished yet.
        if (error instanceof RulesInputError && missing.length > 0) return { missing, estimate: null };
        if (error instanceof RulesInputError) refuseIfAny(error.errors.map((e) => ({ field: `body.${e.field}`, message: e.message })));
        throw error;
      }
    },
  );
};
