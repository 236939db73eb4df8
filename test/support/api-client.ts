// Builds the real API over real services for app.inject tests, with tokens per role.
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { createTokenService } from '../../api/auth.js';
import { registerApp } from '../../api/app.js';
import type { Actor } from '../../workflows/subsidy-case/messages.js';

export const testTokens = createTokenService('test-secret-not-for-production-0123456789');

export async function buildTestApp(deps: { db: Database; temporal: Client; taskQueue: string; now?: () => Date }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await registerApp(app, { db: deps.db, temporal: deps.temporal, tokens: testTokens, taskQueue: deps.taskQueue, now: deps.now ?? (() => new Date()) });
  await app.ready();
  return app;
}

export async function bearer(actor: Actor): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await testTokens.issue(actor)}` };
}
