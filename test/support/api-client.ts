// Builds the real API over real services for app.inject tests, and creates users
// (the API loads each token's user) with tokens for them.
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { enterprises, users } from '../../db/schema.js';
import { createTokenService } from '../../api/auth.js';
import { registerApp, serverOptions } from '../../api/app.js';
import type { UserStandings } from '../../api/user-standings.js';
import type { Actor, Role } from '../../workflows/subsidy-case/messages.js';
import { uniqueId } from './database.js';

/** The tests' AUTH_SECRET: signs tokens and seals the SMTP password. */
export const TEST_SECRET = 'test-secret-not-for-production-0123456789';
export const testTokens = createTokenService(TEST_SECRET);

export async function buildTestApp(deps: {
  db: Database;
  temporal: Client;
  taskQueue: string;
  now?: () => Date;
  userStandings?: UserStandings;
  caseAnswerWithinMs?: number;
}): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(false));
  await registerApp(app, {
    db: deps.db,
    temporal: deps.temporal,
    tokens: testTokens,
    mailSecret: TEST_SECRET,
    taskQueue: deps.taskQueue,
    now: deps.now ?? (() => new Date()),
    ...(deps.userStandings && { userStandings: deps.userStandings }),
    ...(deps.caseAnswerWithinMs !== undefined && { caseAnswerWithinMs: deps.caseAnswerWithinMs }),
  });
  await app.ready();
  return app;
}

export async function bearer(actor: Actor): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await testTokens.issue(actor)}` };
}

export interface TestUser {
  actor: Actor;
  headers: { authorization: string };
}

/** Inserts an active user with a unique id and returns its actor and bearer header. */
export async function createTestUser(
  db: Database,
  role: Role,
  options: { enterpriseId?: string; organisation?: string; specialties?: string[]; id?: string } = {},
): Promise<TestUser> {
  const id = options.id ?? uniqueId(`u-${role}`);
  await db.insert(users).values({
    id,
    name: `Test ${role} ${id}`,
    role,
    enterpriseId: options.enterpriseId ?? null,
    organisation: options.organisation ?? null,
    specialties: options.specialties ?? [],
  });
  const actor: Actor = { userId: id, role, ...(options.enterpriseId !== undefined && { enterpriseId: options.enterpriseId }) };
  return { actor, headers: await bearer(actor) };
}

/** Inserts an enterprise with a unique id. */
export async function createTestEnterprise(db: Database, options: { registeredInDistrict?: boolean; blacklisted?: boolean; name?: string } = {}): Promise<string> {
  const id = uniqueId('ent');
  await db.insert(enterprises).values({
    id,
    name: options.name ?? `测试企业 ${id}`,
    organisation: `org-${id}`,
    registeredInDistrict: options.registeredInDistrict ?? true,
    blacklisted: options.blacklisted ?? false,
  });
  return id;
}
