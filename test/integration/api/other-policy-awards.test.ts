// The register of awards under other district policies (第十三条): officers record and
// withdraw entries through the API, each with its audit entry; bad fields are 400s
// naming them; only officers write, staff read.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let officer: TestUser;
let committee: TestUser;
let applicant: TestUser;
let enterpriseId: string;

beforeAll(async () => {
  h = await startHarness();
  enterpriseId = await createTestEnterprise(h.database.db);
  officer = await createTestUser(h.database.db, 'officer');
  committee = await createTestUser(h.database.db, 'committee');
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId });
});
afterAll(async () => {
  await h?.close();
});

const entry = () => ({
  enterpriseId,
  policyName: '石景山区办公用房租金补贴办法',
  documentNumber: '石政发〔2025〕7号',
  costCategory: 'rent',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  amountFen: 150_000_000,
});

const post = (user: TestUser, url: string, payload: object) => h.app.inject({ method: 'POST', url, headers: user.headers, payload });

describe('the register of awards under other district policies', () => {
  it('records an entry with its audit entry, and lists it by enterprise', async () => {
    const res = await post(officer, '/other-policy-awards', { ...entry(), reason: 'letter from the district finance bureau' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ ...entry(), recordedBy: officer.actor.userId, withdrawnAt: null });
    expect(res.headers.location).toBe(`/other-policy-awards/${created.id}`);
    const [audit] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'other-policy-award-recorded'), eq(auditLog.actor, officer.actor.userId)));
    expect(audit).toMatchObject({ reason: 'letter from the district finance bureau', detail: { id: created.id, ...entry() } });

    const listed = await h.app.inject({ url: `/other-policy-awards?enterpriseId=${enterpriseId}`, headers: committee.headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((i: { id: number }) => i.id)).toContain(created.id);
  });

  it('withdraws an entry once, with a reason in the audit log; later assessments no longer read it', async () => {
    const created = (await post(officer, '/other-policy-awards', entry())).json();
    const res = await post(officer, `/other-policy-awards/${created.id}/withdrawal`, { reason: 'recorded for the wrong enterprise' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: created.id, withdrawnBy: officer.actor.userId });
    expect(res.json().withdrawnAt).not.toBeNull();
    const again = await post(officer, `/other-policy-awards/${created.id}/withdrawal`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    const [audit] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'other-policy-award-withdrawn'), eq(auditLog.reason, 'recorded for the wrong enterprise')));
    expect(audit?.detail).toEqual({ id: created.id, enterpriseId });
    const active = (await h.app.inject({ url: `/other-policy-awards?enterpriseId=${enterpriseId}`, headers: officer.headers })).json().items.map((i: { id: number }) => i.id);
    expect(active).not.toContain(created.id);
    const all = (await h.app.inject({ url: `/other-policy-awards?enterpriseId=${enterpriseId}&includeWithdrawn=true`, headers: officer.headers })).json().items.map((i: { id: number }) => i.id);
    expect(all).toContain(created.id);
  });

  it('answers 400 naming each bad field, never a 500', async () => {
    const cases: [object, string][] = [
      [{ ...entry(), amountYuan: 5 }, 'body.amountYuan'],
      [{ ...entry(), costCategory: 'rents' }, 'body.costCategory'],
      [{ ...entry(), periodEnd: '2024-12-31' }, 'body.periodEnd'],
      [{ ...entry(), periodStart: '2025-02-30' }, 'body.periodStart'],
      [{ ...entry(), amountFen: 9_007_199_254_740_991 }, 'body.amountFen'],
      [{ ...entry(), amountFen: 0 }, 'body.amountFen'],
      [{ ...entry(), documentNumber: ' ' }, 'body.documentNumber'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(officer, '/other-policy-awards', payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(JSON.stringify(res.json()), field).toContain(field);
    }
  });

  it('answers 404 for an enterprise the office does not know, 403 to an applicant', async () => {
    expect((await post(officer, '/other-policy-awards', { ...entry(), enterpriseId: 'no-such-enterprise' })).statusCode).toBe(404);
    expect((await post(applicant, '/other-policy-awards', entry())).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/other-policy-awards', headers: applicant.headers })).statusCode).toBe(403);
  });
});
