// Enterprises (admin registers them; officers and ops may list them). Whether one is
// registered in the district or blacklisted is the office's record, set here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { safeLine, safeText } from '../safe-text.js';
import { appendAdminAudit } from '../repositories/audit.js';
import { findEnterprise, insertEnterprise, listEnterprises, updateEnterprise } from '../repositories/enterprises.js';
import type { EnterpriseRow } from '../repositories/enterprises.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, { error: 'use 2 to 64 letters, digits, ".", "-" or "_"' });

export const newEnterprise = z.strictObject({
  id,
  name: safeLine().min(1).max(200),
  organisation: safeLine().min(1).max(200),
  registeredInDistrict: z.boolean().default(true),
  blacklisted: z.boolean().default(false),
});
export const enterpriseChanges = z
  .strictObject({
    name: safeLine().min(1).max(200).optional(),
    organisation: safeLine().min(1).max(200).optional(),
    registeredInDistrict: z.boolean().optional(),
    blacklisted: z.boolean().optional(),
    reason: safeText().trim().max(2000).optional().describe('why (recorded in the audit log); required when putting an enterprise on the blacklist'),
  })
  .refine((c) => c.blacklisted !== true || (c.reason !== undefined && c.reason.length > 0), { path: ['reason'], error: 'give the reason for blacklisting the enterprise' });
export const enterpriseView = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  registeredInDistrict: z.boolean(),
  blacklisted: z.boolean(),
  createdAt: z.string(),
});
const toView = (e: EnterpriseRow): z.infer<typeof enterpriseView> => ({ ...e, createdAt: e.createdAt.toISOString() });
const params = z.object({ enterpriseId: id });

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/enterprises',
    {
      config: only(Role.Admin, Role.Officer, Role.Ops),
      schema: {
        summary: 'List enterprises (admin, officer, ops)',
        tags: ['enterprises'],
        querystring: z.object({ after: id.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(enterpriseView) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await listEnterprises(app.deps.db, request.query)).map(toView) }),
  );

  app.get(
    '/enterprises/:enterpriseId',
    {
      config: only(Role.Admin, Role.Officer, Role.Ops, Role.Applicant),
      schema: { summary: 'One enterprise (admin, officer, ops; an applicant its own)', tags: ['enterprises'], params, response: { 200: enterpriseView, ...problemResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { enterpriseId } = request.params;
      const found = actor.role === Role.Applicant && actor.enterpriseId !== enterpriseId ? undefined : await findEnterprise(app.deps.db, enterpriseId);
      if (!found) throw new HttpProblem(404, `no enterprise ${enterpriseId}`);
      return toView(found);
    },
  );

  app.post(
    '/enterprises',
    { config: only(Role.Admin), schema: { summary: 'Register an enterprise (admin)', tags: ['enterprises'], body: newEnterprise, response: { 201: enterpriseView, ...problemResponses } } },
    async (request, reply) => {
      const admin = actorOf(request);
      // The change and its audit entry commit together, or neither does.
      await app.deps.db.transaction(async (tx) => {
        if (!(await insertEnterprise(tx, request.body))) throw new HttpProblem(409, `an enterprise ${request.body.id} already exists`);
        await appendAdminAudit(tx, { actor: admin.userId, action: 'enterprise-registered', detail: request.body });
      });
      const created = await findEnterprise(app.deps.db, request.body.id);
      if (!created) throw new Error(`enterprise ${request.body.id} vanished after insert`);
      return reply.code(201).header('location', `/enterprises/${created.id}`).send(toView(created));
    },
  );

  app.patch(
    '/enterprises/:enterpriseId',
    {
      config: only(Role.Admin),
      schema: { summary: 'Change an enterprise, e.g. its blacklist flag (admin)', tags: ['enterprises'], params, body: enterpriseChanges, response: { 200: enterpriseView, ...problemResponses } },
    },
    async (request) => {
      const admin = actorOf(request);
      const { reason, ...changes } = request.body;
      const updated = await app.deps.db.transaction(async (tx) => {
        const changed = await updateEnterprise(tx, request.params.enterpriseId, changes);
        if (!changed) throw new HttpProblem(404, `no enterprise ${request.params.enterpriseId}`);
        await appendAdminAudit(tx, { actor: admin.userId, action: 'enterprise-changed', detail: { enterpriseId: changed.id, ...changes }, reason });
        return changed;
      });
      return toView(updated);
    },
  );
};
