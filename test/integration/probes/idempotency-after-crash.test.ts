// An Idempotency-Key whose request died with its process: the key is held only for
// the lease; until then a retry is told the first is still in flight, after it the
// same request is processed afresh and answered, and later retries replay that answer.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idempotencyKeys } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { registerApplication, seedNotice, startHarness } from '../api/fixtures.js';
import type { ApiHarness } from '../api/fixtures.js';

const LEASE_SECONDS = 2;
const hangingApi = fileURLToPath(new URL('./support/api-that-hangs.ts', import.meta.url));

let h: ApiHarness;
let applicant: TestUser;
let child: ChildProcess | undefined;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h);
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: await createTestEnterprise(h.database.db) });
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await h?.close();
});

function startHangingApi(): Promise<number> {
  child = spawn(process.execPath, ['--import', 'tsx', hangingApi], {
    env: { ...process.env, PROBE_YEAR: String(h.year), PROBE_LEASE_SECONDS: String(LEASE_SECONDS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child!.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child!.once('exit', (code) => reject(new Error(`the hanging API exited early (${code})`)));
  });
}

it('frees the key of a request killed mid-way after its lease, and answers the retry', async () => {
  const key = uniqueId('idem');
  const body = registerApplication();
  const headers = { ...applicant.headers, 'content-type': 'application/json', 'idempotency-key': key };
  const keyRow = () => h.database.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, applicant.actor.userId), eq(idempotencyKeys.key, key)));

  const port = await startHangingApi();
  void fetch(`http://127.0.0.1:${port}/applications`, { method: 'POST', headers, body: JSON.stringify(body) }).catch(() => undefined);
  await expect.poll(async () => (await keyRow())[0]?.responseStatus, { timeout: 10_000 }).toBe(0);
  child!.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));

  const early = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: body });
  expect(early.statusCode).toBe(409);
  expect(early.json().detail).toMatch(/still being processed.*freed at/);

  const [held] = await keyRow();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, held!.leaseExpiresAt!.getTime() - Date.now()) + 200));
  const retried = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: body });
  expect(retried.statusCode, retried.body).toBe(201);
  expect(retried.json()).toMatchObject({ caseId: body.applicationId });

  const replayed = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: body });
  expect(replayed.statusCode).toBe(201);
  expect(replayed.headers['idempotent-replayed']).toBe('true');
  expect((await keyRow())[0]).toMatchObject({ responseStatus: 201, leaseExpiresAt: null });
});

it('still refuses another body under a key whose request died', async () => {
  const key = uniqueId('idem');
  await h.database.db.insert(idempotencyKeys).values({ userId: applicant.actor.userId, key, requestHash: 'of-another-body', responseStatus: 0, responseBody: {}, leaseExpiresAt: new Date(Date.now() - 60_000) });
  const res = await h.app.inject({ method: 'POST', url: '/applications', headers: { ...applicant.headers, 'idempotency-key': key }, payload: registerApplication() });
  expect(res.statusCode).toBe(409);
  expect(res.json().detail).toMatch(/different request/);
});
