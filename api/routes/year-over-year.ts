// 年度对比: why a later support year's amount differs from the previous assessed year,
// line by line to the fen (rules/year-over-year.ts), and whether the change is beyond
// the share the case's notice set (secondOfficerChangeBp), so its yearly verification
// needs a second officer. This year's side is the assessment the case kept, or before
// the case has assessed the year, the same computation on the year's report.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { previousAssessment } from '../../activities/assessment.js';
import { DEFAULT_CASE_SETTINGS, Role } from '../../domain/vocabulary.js';
import { changeExceeds, yearOverYear } from '../../rules/index.js';
import type { EvaluationResult } from '../../rules/index.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { assessUnkept } from '../current-assessment.js';
import { readableCase } from '../policies.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { assessmentOfYear } from '../repositories/assessments.js';
import { caseParams } from '../schemas.js';
import { yearOverYearView } from '../year-over-year-schema.js';

export const yearOverYearRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:caseId/year-over-year',
    {
      config: only(Role.Officer, Role.Committee, Role.Finance, Role.Supervisor, Role.Ops),
      schema: {
        summary: 'How a later support year’s amount differs from the previous year’s, line by line to the fen, and whether a second officer must countersign (staff)',
        description:
          'supportYear defaults to the case’s current one. `yearOverYear` is null (with `why`) for the first year, or when no earlier year or this year has an assessment; its lines sum exactly to `changeFen`. 404 for a support year the case has not reached.',
        tags: ['cases'],
        params: caseParams,
        querystring: z.object({ supportYear: z.coerce.number().int().min(1).max(100).optional() }),
        response: { 200: yearOverYearView, ...problemResponses },
      },
    },
    async (request) => {
      const row = await readableCase(app.deps.db, actorOf(request), request.params.caseId);
      const supportYear = request.query.supportYear ?? row.supportYear;
      if (supportYear > row.supportYear) throw new HttpProblem(404, `case ${row.id} has not reached support year ${supportYear} (it is in year ${row.supportYear})`, [{ field: 'querystring.supportYear', message: `at most ${row.supportYear}` }]);
      const input = await app.deps.cases.startedWith(row.id);
      const thresholdBp = input?.settings.secondOfficerChangeBp ?? DEFAULT_CASE_SETTINGS.secondOfficerChangeBp ?? 2000;
      const base = { caseId: row.id, supportYear, thresholdBp };
      const none = (why: string) => ({ ...base, previousSupportYear: null, currentKept: false, secondOfficerRequired: false, yearOverYear: null, why });
      if (supportYear === 1) return none('the first support year has no previous year');
      const previous = await previousAssessment(app.deps.db, row.id, supportYear);
      if (!previous) return none(`no support year before ${supportYear} was assessed`);
      const kept = await assessmentOfYear(app.deps.db, row.id, supportYear);
      // Written by the assessment activity from the rules' EvaluationResult.
      let current = kept?.result as EvaluationResult | undefined;
      if (!current && supportYear === row.supportYear) current = await assessUnkept(app.deps, row);
      if (!current) return none(`support year ${supportYear} was not assessed`);
      const diff = yearOverYear(previous.result, current);
      return {
        ...base,
        previousSupportYear: previous.supportYear,
        currentKept: kept !== undefined,
        secondOfficerRequired: changeExceeds(diff.fromFen, diff.toFen, thresholdBp),
        yearOverYear: diff,
      };
    },
  );
};
