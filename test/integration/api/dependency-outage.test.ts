// A dependency down is a 503 with Retry-After naming it, never a 500: the API built
// over a PostgreSQL that is not there (its server gone, or its connections ended), and
// over a Temporal dev server that was stopped after the API connected to it.
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.js';
import { unavailableDependency } from '../../../api/dependency-errors.js';
import { startDevServer } from '../../../scripts/lib/temporal-servers.js';
import { bearer, buildTestApp, createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { registerApplication, seedCase, seedNotice, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function expectDependencyDown(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }, dependency: string): void {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.json()).toMatchObject({ status: 503, type: '/problems/dependency-unavailable', dependency });
}

/** A port nothing listens on: what a client meets when the server there has stopped. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('PostgreSQL unreachable', () => {
  it('answers 503 naming postgresql when its server is gone', async () => {
    const gone = await openDatabase({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/nothing`, maxConnections: 1 });
    const app = await buildTestApp({ db: gone.db, temporal: h.env.client, taskQueue: h.taskQueue });
    try {
      const headers = await bearer({ userId: 'someone', role: 'officer' });
      expectDependencyDown(await app.inject({ url: '/cases', headers }), 'postgresql');
      expectDependencyDown(await app.inject({ url: '/tasks', headers }), 'postgresql');
      // Readiness says the same in its own shape.
      const ready = await app.inject({ url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks).toMatchObject({ database: 'unreachable', temporal: 'ok' });
    } finally {
      await app.close();
      await gone.close();
    }
  });

  it('answers 503 naming postgresql when its connections have ended', async () => {
    const ended = await openDatabase({ url: process.env.DATABASE_URL, maxConnections: 1 });
    const app = await buildTestApp({ db: ended.db, temporal: h.env.client, taskQueue: h.taskQueue });
    await ended.close();
    try {
      expectDependencyDown(await app.inject({ url: '/cases', headers: await bearer({ userId: 'someone', role: 'ops' }) }), 'postgresql');
    } finally {
      await app.close();
    }
  });

  it('names postgresql for a connection the server shut down (57P01) and for a server not taking connections (57P03)', async () => {
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [{ pid }] = (await sql`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
      const sleeping = sql`select pg_sleep(30)`.then(
        () => undefined,
        (error: unknown) => error,
      );
      await expect.poll(async () => (await admin`select count(*)::int as n from pg_stat_activity where pid = ${pid} and state = 'active'`)[0]?.n).toBe(1);
      await admin`select pg_terminate_backend(${pid})`;
      const shutDown = await sleeping;
      // postgres.js reports the server's 57P01 or, having seen the socket close first, CONNECTION_CLOSED.
      expect(['57P01', 'CONNECTION_CLOSED']).toContain((shutDown as { code?: string }).code);
      expect(unavailableDependency(shutDown)).toBe('postgresql');
      // The startup answer of a server starting up or shutting down, as postgres.js raises it.
      expect(unavailableDependency(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe('postgresql');
      // A query error is the caller's or the code's, not an outage.
      const syntax = await admin`select from nowhere_at_all`.catch((error: unknown) => error);
      expect(unavailableDependency(syntax)).toBeUndefined();
    } finally {
      await sql.end({ timeout: 1 });
      await admin.end({ timeout: 1 });
    }
  });
});

describe('Temporal unreachable', () => {
  let second: TestWorkflowEnvironment;
  let app: FastifyInstance;
  let connection: Connection;
  let applicant: TestUser;
  let officer: TestUser;
  let taskId: string;

  beforeAll(async () => {
    await seedNotice(h);
    const enterpriseId = await createTestEnterprise(h.database.db);
    applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId });
    officer = await createTestUser(h.database.db, 'officer');
    const { caseId } = await seedCase(h, enterpriseId, { id: uniqueId('outage') });
    taskId = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer' });
    // The API connects to a Temporal of its own, which then stops.
    second = await startDevServer();
    connection = await Connection.connect({ address: second.address });
    const temporal = new Client({ connection });
    app = await buildTestApp({ db: h.database.db, temporal, taskQueue: h.taskQueue, now: () => new Date(`${h.year}-06-15T02:00:00Z`), caseAnswerWithinMs: 3_000 });
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    await second.teardown();
  });
  afterAll(async () => {
    await app?.close();
    await connection?.close();
  });

  it('answers 503 naming temporal when an application cannot start its case', async () => {
    const res = await app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: registerApplication() });
    expectDependencyDown(res, 'temporal');
  });

  it('answers a decision it could not deliver 503 naming temporal, with its Update id and how to check', async () => {
    const res = await app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(taskId)}/decision`, headers: { ...officer.headers, 'idempotency-key': 'outage-1' }, payload: { decision: 'accept' } });
    expect(res.statusCode, res.body).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const problem = res.json();
    expect(problem).toMatchObject({ type: '/problems/outcome-unknown', dependency: 'temporal', updateId: expect.stringMatching(/^key-/) });
    expect(problem.check).toContain('Idempotency-Key');
    expect(problem.detail).toContain(problem.updateId);
  });

  it('says so on readiness too', async () => {
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks).toMatchObject({ database: 'ok', temporal: 'unreachable' });
  });
});
