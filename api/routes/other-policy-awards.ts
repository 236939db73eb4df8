// The register of awards under other district support policies (第十三条 从优不重复):
// officers record what an enterprise already received elsewhere (policy, document
// number, cost category, period, amount), and every assessment of the enterprise's
// cases sets the overlapping ones against its claim. Entries are never edited; a
// wrong one is withdrawn with a reason, and both are in the audit log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fen, listPolicyVersions } from '../../rules/index.js';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findOtherPolicyAward, listOtherPolicyAwards, recordOtherPolicyAward, withdrawOtherPolicyAward } from '../repositories/other-policy-awards.js';
import type { OtherPolicyAwardRow } from '../repositories/other-policy-awards.js';

/** The cost categories the measures' components use: an overlap is found only within one of them. */
const COST_CATEGORIES = [...new Set(listPolicyVersions().flatMap((v) => Object.values(v.programs).flatMap((p) => p.components.map((c) => c.costCategory))))].sort() as [string, ...string[]];

const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

const newAward = z
  .strictObject({
    enterpriseId: z.string().min(1).max(64),
    policyName: z.string().trim().min(1).max(200).describe('the other district policy, e.g. 区办公用房租金补贴办法'),
    documentNumber: z.string().trim().min(1).max(100).describe('its document number (文号)'),
    costCategory: z.enum(COST_CATEGORIES, { error: `must be one of ${COST_CATEGORIES.join(', ')}` }),
    periodStart: isoDate.describe('first day of the cost period the award covers'),
    periodEnd: isoDate.describe('last day of the cost period'),
    amountFen: fen.min(1, { error: 'must be at least 1 fen' }),
    reason: z.string().trim().min(1).max(2000).optional().describe('recorded in the audit log'),
  })
  .superRefine((a, ctx) => {
    if (a.periodEnd < a.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before periodStart' });
  });

const awardView = z.object({
  id: z.number().int(),
  enterpriseId: z.string(),
  policyName: z.string(),
  documentNumber: z.string(),
  costCategory: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  amountFen: z.number().int(),
  recordedBy: z.string(),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
});
const toView = (r: OtherPolicyAwardRow): z.infer<typeof awardView> => ({ ...r, createdAt: r.createdAt.toISOString(), withdrawnAt: r.withdrawnAt?.toISOString() ?? null });
const params = z.object({ awardId: z.coerce.number().int().min(1) });

const READERS = [Role.Officer, Role.Committee, Role.Supervisor, Role.Ops];

export const otherPolicyAwardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post(
    '/other-policy-awards',
    {
      config: only(Role.Officer),
      schema: {
        summary: 'Record an award the enterprise received under another district policy (officer)',
        description: 'Every later assessment of the enterprise’s cases sets it against claims of the same cost category and an overlapping period (第十三条 从优不重复). 400 names each bad field; 404 for an unknown enterprise.',
        tags: ['other-policy-awards'],
        body: newAward,
        response: { 201: awardView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { reason, ...award } = request.body;
      if (!(await findEnterprise(db, award.enterpriseId))) throw new HttpProblem(404, `no enterprise ${award.enterpriseId}`);
      const row = await recordOtherPolicyAward(db, award, actor.userId, reason);
      return reply.code(201).header('location', `/other-policy-awards/${row.id}`).send(toView(row));
    },
  );

  app.get(
    '/other-policy-awards',
    {
      config: only(...READERS),
      schema: {
        summary: 'The register of awards under other district policies (officer, committee, supervisor, ops)',
        tags: ['other-policy-awards'],
        querystring: z.object({
          enterpriseId: z.string().min(1).max(64).optional(),
          includeWithdrawn: z.enum(['true', 'false']).default('false'),
          after: z.coerce.number().int().min(0).optional().describe('the last id of the previous page'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(awardView) }), ...problemResponses },
      },
    },
    async (request) => {
      const { includeWithdrawn, ...filter } = request.query;
      return { items: (await listOtherPolicyAwards(db, { ...filter, includeWithdrawn: includeWithdrawn === 'true' })).map(toView) };
    },
  );

  app.get(
    '/other-policy-awards/:awardId',
    { config: only(...READERS), schema: { summary: 'One entry of the register', tags: ['other-policy-awards'], params, response: { 200: awardView, ...problemResponses } } },
    async (request) => {
      const row = await findOtherPolicyAward(db, request.params.awardId);
      if (!row) throw new HttpProblem(404, `no entry ${request.params.awardId} in the register`);
      return toView(row);
    },
  );

  app.post(
    '/other-policy-awards/:awardId/withdrawal',
    {
      config: only(Role.Officer),
      schema: {
        summary: 'Withdraw a wrongly recorded entry (officer); later assessments no longer read it',
        tags: ['other-policy-awards'],
        params,
        body: z.strictObject({ reason: z.string().trim().min(1, { error: 'state why the entry is withdrawn' }).max(2000) }),
        response: { 200: awardView, ...problemResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await withdrawOtherPolicyAward(db, request.params.awardId, actor.userId, request.body.reason);
      if (row) return toView(row);
      const existing = await findOtherPolicyAward(db, request.params.awardId);
      if (!existing) throw new HttpProblem(404, `no entry ${request.params.awardId} in the register`);
      throw new HttpProblem(409, `entry ${existing.id} was already withdrawn`);
    },
  );
};
