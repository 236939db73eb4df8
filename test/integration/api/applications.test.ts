// Submitting an application: the notice's window and programs, the evidence
// checklist, fields the applicant may not set, the enterprise's records taken from
// the office's table, and Idempotency-Key replays.
import { defaultPayloadConverter } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { idempotencyKeys } from '../../../db/schema.js';
import type { CaseInput } from '../../../workflows/subsidy-case/messages.js';
import { caseWorkflowId } from '../../../workflows/subsidy-case/messages.js';
import { buildTestApp, createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { registerApplication, seedNotice, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let applicant: TestUser;
let enterpriseId: string;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h);
  enterpriseId = await createTestEnterprise(h.database.db, { registeredInDistrict: false });
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId });
});
afterAll(async () => {
  await h?.close();
});

async function startedInput(applicationId: string): Promise<CaseInput> {
  const history = await h.env.client.workflow.getHandle(caseWorkflowId(applicationId)).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error('no start input');
  return defaultPayloadConverter.fromPayload<CaseInput>(payload);
}

describe('POST /applications', () => {
  it('starts the case with the enterprise, registration, year and settings from the office’s records', async () => {
    const body = registerApplication();
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe(`/cases/${body.applicationId}`);
    expect(res.json()).toEqual({
      applicationId: body.applicationId,
      caseId: body.applicationId,
      workflowId: caseWorkflowId(body.applicationId),
      policyVersion: '2030-final-example',
      noticeYear: h.year,
      submittedOn: `${h.year}-06-15`,
    });
    const input = await startedInput(body.applicationId);
    expect(input).toMatchObject({
      enterpriseId,
      registeredInDistrict: false,
      noticeYear: h.year,
      facts: body.facts,
      evidence: body.evidence,
      settings: { taskDue: '2 days', panelSize: 3, correctionPeriod: '15 days', paymentAttempts: 3 },
    });
  });

  it('refuses a second submission of the same id with 409', async () => {
    const body = registerApplication();
    expect((await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body })).statusCode).toBe(201);
    const again = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already submitted');
  });

  it('replays the first answer for a retried Idempotency-Key and refuses the key with another body', async () => {
    const key = uniqueId('idem');
    const body = registerApplication();
    const headers = { ...applicant.headers, 'idempotency-key': key };
    const first = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: body });
    expect(first.statusCode).toBe(201);
    // Same body, keys in another order: the same request.
    const reordered = { evidence: body.evidence, facts: body.facts, qualifications: [], program: body.program, applicationId: body.applicationId };
    const retry = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: reordered });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);

    const other = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: registerApplication() });
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toContain('Idempotency-Key');

    // Keys are per user: another applicant's same key is its own.
    const otherEnterprise = await createTestEnterprise(h.database.db);
    const colleague = await createTestUser(h.database.db, 'applicant', { enterpriseId: otherEnterprise });
    const theirs = await h.app.inject({ method: 'POST', url: '/applications', headers: { ...colleague.headers, 'idempotency-key': key }, payload: registerApplication() });
    expect(theirs.statusCode).toBe(201);
  });

  it('answers a retry under the same key with the case it started when the first answer was lost, not 409', async () => {
    const key = uniqueId('idem');
    const body = registerApplication();
    const headers = { ...applicant.headers, 'idempotency-key': key };
    const first = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: body });
    expect(first.statusCode).toBe(201);
    // The stored answer lost, as when the database dropped away right after the start.
    await h.database.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, applicant.actor.userId), eq(idempotencyKeys.key, key)));
    const retry = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: body });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    // Without the key it is a second submission.
    expect((await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body })).statusCode).toBe(409);
  });

  it('frees the key after a refusal, so a corrected retry under it is processed', async () => {
    const key = uniqueId('idem');
    const headers = { ...applicant.headers, 'idempotency-key': key };
    const body = registerApplication();
    const refused = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: { ...body, evidence: [] } });
    expect(refused.statusCode).toBe(400);
    const fixed = await h.app.inject({ method: 'POST', url: '/applications', headers, payload: body });
    expect(fixed.statusCode).toBe(201);
  });

  it('names each missing evidence kind and required fact', async () => {
    const body = { ...registerApplication(), facts: {}, evidence: [{ kind: 'business-licence', reference: 'BL' }] };
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'body.evidence', message: 'missing "registration-certificate"' },
      { field: 'body.evidence', message: 'missing "fee-invoices"' },
      { field: 'body.facts.registrationFeesFen', message: 'is required for A5-DATA-REGISTER' },
    ]);
  });

  it('refuses fields the applicant may not set', async () => {
    const body = { ...registerApplication(), enterpriseId: 'someone-else', registeredInDistrict: true, facts: { registrationFeesFen: 1, decidedAmountFen: 5 } };
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.enterpriseId', 'body.registeredInDistrict']));
    const decided = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: { ...registerApplication(), facts: { registrationFeesFen: 1, decidedAmountFen: 5 } } });
    expect(decided.json().errors).toEqual([{ field: 'body.facts.decidedAmountFen', message: 'is set by the committee, not by the applicant' }]);
  });

  it('names each bad field of the body', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: { applicationId: 'x', program: 'A99', facts: { registrationFeesFen: 1.5 }, evidence: 'none' } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.applicationId', 'body.program', 'body.facts.registrationFeesFen', 'body.evidence']));
  });

  it('refuses a program the notice does not open', async () => {
    const body = { ...registerApplication(), program: 'A7-EVAL-CERT' };
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(`program A7-EVAL-CERT is not open in the ${h.year} annual notice`);
  });

  it('refuses an applicant whose enterprise the office does not know', async () => {
    const stranger = await createTestUser(h.database.db, 'applicant', { enterpriseId: uniqueId('unregistered') });
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: stranger.headers, payload: registerApplication() });
    expect(res.statusCode).toBe(403);
  });

  it('is for applicants only', async () => {
    const officer = await createTestUser(h.database.db, 'officer');
    expect((await h.app.inject({ method: 'POST', url: '/applications', headers: officer.headers, payload: registerApplication() })).statusCode).toBe(403);
  });
});

describe('the application window', () => {
  async function appAt(iso: string): Promise<FastifyInstance> {
    return buildTestApp({ db: h.database.db, temporal: h.env.client, taskQueue: h.taskQueue, now: () => new Date(iso) });
  }

  it('is closed before it opens and after it closes (Beijing dates)', async () => {
    // Beijing is UTC+8: a minute before midnight of 1 March there (28 or 29 February:
    // the tests' years include leap years), midnight of 1 March, and of 1 October.
    const early = await appAt(new Date(Date.parse(`${h.year}-03-01T00:00:00+08:00`) - 60_000).toISOString());
    const late = await appAt(`${h.year}-10-01T00:00:00+08:00`);
    const opening = await appAt(`${h.year}-03-01T00:00:00+08:00`);
    try {
      const before = await early.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: registerApplication() });
      expect(before.statusCode).toBe(409);
      expect(before.json().detail).toBe(`the ${h.year} application window opens on ${h.year}-03-01`);
      const after = await late.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: registerApplication() });
      expect(after.statusCode).toBe(409);
      expect(after.json().detail).toBe(`the ${h.year} application window closed on ${h.year}-09-30`);
      const opened = await opening.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: registerApplication() });
      expect(opened.statusCode, opened.body).toBe(201);
    } finally {
      await Promise.all([early.close(), late.close(), opening.close()]);
    }
  });

  it('is closed in a year without a notice', async () => {
    const noNoticeYear = 2099; // before the tests' years, after any real one
    const app = await appAt(`${noNoticeYear}-06-15T02:00:00Z`);
    try {
      const res = await app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: registerApplication() });
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toBe(`no annual notice has been published for ${noNoticeYear}: applications are not accepted`);
    } finally {
      await app.close();
    }
  });
});
