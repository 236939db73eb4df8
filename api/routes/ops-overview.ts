// The operations dashboard's figures in one read: cases by program and stage, late
// tasks by role, cases started and closed per week, and the programs' names. Money
// against budget is /ops/totals, cases that do not move /ops/stuck-cases.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROGRAM_CODES } from '../../rules/index.js';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { problemResponses } from '../problem.js';
import { programTitle, programTitles } from '../program-titles.js';
import { caseCountsByStage, casesPerWeek, overdueTasksByRole } from '../repositories/ops-overview.js';
import { CASE_STATUSES, roleSchema, STAGES } from '../schemas.js';

const overviewQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2999).optional().describe('only cases under this year’s annual notice (counts and late tasks; the weeks are always the latest)'),
  weeks: z.coerce.number().int().min(1).max(104).default(12).describe('how many weeks, up to this one, the started/closed series covers'),
});

export const opsOverview = z.object({
  asOf: z.string().describe('the office’s clock when the figures were read'),
  byStage: z.array(z.object({ program: z.enum(PROGRAM_CODES), stage: z.enum(STAGES), status: z.enum(CASE_STATUSES), count: z.number().int() })).describe('cases by program, stage and status; a closed case’s stage is `closed`'),
  tasksByRole: z
    .array(
      z.object({
        role: roleSchema,
        open: z.number().int(),
        overdue: z.number().int().describe('open and past their due time'),
        reminded: z.number().int().describe('overdue, their person reminded'),
        escalated: z.number().int().describe('overdue, the supervisor told'),
        oldestDueAt: z.string().nullable().describe('the due time of the longest-overdue task'),
      }),
    )
    .describe('open tasks per role'),
  weekly: z.array(z.object({ weekStart: z.string().describe('Monday, Beijing time'), started: z.number().int(), closed: z.number().int() })).describe('oldest week first'),
  programs: z.array(programTitle).describe('every program’s name and article, as the policy words them'),
});

export const opsOverviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ops/overview',
    {
      config: only(Role.Ops, Role.Supervisor),
      schema: {
        summary: 'The operations dashboard: cases by program and stage, late tasks by role, cases started and closed per week (ops, supervisor)',
        tags: ['operations'],
        querystring: overviewQuery,
        response: { 200: opsOverview, ...problemResponses },
      },
    },
    async (request) => {
      const { year, weeks } = request.query;
      const now = app.deps.now();
      const [byStage, tasksByRole, weekly] = await Promise.all([caseCountsByStage(app.deps.db, year), overdueTasksByRole(app.deps.db, now, year), casesPerWeek(app.deps.db, now, weeks)]);
      return {
        asOf: now.toISOString(),
        byStage,
        tasksByRole: tasksByRole.map((r) => ({ ...r, oldestDueAt: r.oldestDueAt?.toISOString() ?? null })),
        weekly,
        programs: programTitles(),
      };
    },
  );
};
