// Liveness says the process answers; readiness says its database and Temporal do.
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicRoute } from '../access.js';

const healthBody = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.enum(['ok', 'unreachable'])).optional() });

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', { config: publicRoute, schema: { summary: 'Liveness', tags: ['health'], security: [], response: { 200: healthBody } } }, async () => ({ status: 'ok' as const }));

  app.get(
    '/ready',
    { config: publicRoute, schema: { summary: 'Readiness: database and Temporal reachable', tags: ['health'], security: [], response: { 200: healthBody, 503: healthBody } } },
    async (_request, reply) => {
      const checks: Record<string, 'ok' | 'unreachable'> = {};
      try {
        await app.deps.db.execute(sql`select 1`);
        checks.database = 'ok';
      } catch {
        checks.database = 'unreachable';
      }
      try {
        await app.deps.temporal.connection.workflowService.getSystemInfo({});
        checks.temporal = 'ok';
      } catch {
        checks.temporal = 'unreachable';
      }
      const ready = Object.values(checks).every((c) => c === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
    },
  );
};
