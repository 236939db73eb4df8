// Bad bytes: text PostgreSQL can never store (NUL, lone surrogates) and control
// characters are refused with a 400 naming the field wherever text enters (path,
// query, body, a record's key), so nothing reaches an activity that would fail on it
// for ever; and an activity that meets such data anyway fails non-retryably, so its
// case fails with the reason instead of retrying.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, users } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { registerApplication, seedCase, seedNotice, startHarness } from '../api/fixtures.js';
import type { ApiHarness } from '../api/fixtures.js';

let h: ApiHarness;
let admin: TestUser;
let officer: TestUser;
let applicant: TestUser;
let enterpriseId: string;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h);
  enterpriseId = await createTestEnterprise(h.database.db);
  admin = await createTestUser(h.database.db, 'admin');
  officer = await createTestUser(h.database.db, 'officer');
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId });
});
afterAll(async () => {
  await h?.close();
});

/** A JSON body as raw text, so a lone surrogate travels as the escape a client would send. */
const raw = (who: TestUser, json: string) => ({ payload: json, headers: { ...who.headers, 'content-type': 'application/json' } });

function expectFieldRefused(res: { statusCode: number; headers: Record<string, unknown>; json(): { errors?: { field: string }[] } }, field: string): void {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().errors?.map((e) => e.field)).toContain(field);
}

describe('in the path and the query', () => {
  it('answers GET /cases/%00 with a 400 naming the parameter, not a 500', async () => {
    expectFieldRefused(await h.app.inject({ url: '/cases/%00', headers: officer.headers }), 'params.caseId');
    expectFieldRefused(await h.app.inject({ url: '/cases/a%0Ab', headers: officer.headers }), 'params.caseId');
    expectFieldRefused(await h.app.inject({ url: '/tasks/x%00y/claim', method: 'POST', headers: officer.headers }), 'params.taskId');
  });

  it('names a bad query value', async () => {
    expectFieldRefused(await h.app.inject({ url: '/cases?cursor=%00', headers: officer.headers }), 'querystring.cursor');
    expectFieldRefused(await h.app.inject({ url: '/tasks?cursor=abc%01', headers: officer.headers }), 'querystring.cursor');
  });

  it('takes an empty cursor= as the schema allows it: the first page', async () => {
    for (const url of ['/cases?cursor=', '/tasks?cursor=']) {
      const res = await h.app.inject({ url, headers: officer.headers });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('answers a path that is not a URL (broken percent-encoding) with a 400 problem', async () => {
    const res = await h.app.inject({ url: '/cases/%E0%A4%A', headers: officer.headers });
    expect(res.statusCode).toBe(400);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
  });

  it('answers a path parameter past its length with a 414 problem', async () => {
    const res = await h.app.inject({ url: `/cases/${'x'.repeat(300)}`, headers: officer.headers });
    expect(res.statusCode).toBe(414);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 414, title: 'URI Too Long' });
  });
});

describe('in bodies', () => {
  it('refuses an application whose evidence holds a NUL, so no case is started to wedge', async () => {
    const body = registerApplication();
    body.evidence[0]!.reference = 'BL\u0000-1';
    const res = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
    expectFieldRefused(res, 'body.evidence.0.reference');
    await expect(h.env.client.workflow.getHandle(`case-${body.applicationId}`).describe()).rejects.toThrow();
  });

  it('refuses a lone surrogate in a user name and a control character in an organisation', async () => {
    expectFieldRefused(await h.app.inject({ method: 'POST', url: '/users', ...raw(admin, `{"id":"${uniqueId('u')}","name":"bad \\ud800 name","role":"officer"}`) }), 'body.name');
    expectFieldRefused(
      await h.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id: uniqueId('u'), name: 'ok', role: 'expert', organisation: 'bell\u0007' } }),
      'body.organisation',
    );
  });

  it('refuses a withdrawal or objection reason with a NUL or a control character, and keeps tab and line breaks in prose', async () => {
    const { caseId } = await seedCase(h, enterpriseId);
    expectFieldRefused(await h.app.inject({ method: 'POST', url: `/cases/${caseId}/withdraw`, headers: applicant.headers, payload: { reason: 'no\u0000more' } }), 'body.reason');
    expectFieldRefused(await h.app.inject({ method: 'POST', url: `/cases/${caseId}/objections`, headers: officer.headers, payload: { reason: 'esc \u001b[31m' } }), 'body.reason');
    // Prose may hold tabs and line breaks: this one gets past validation to the case (409: not in its notice).
    const prose = await h.app.inject({ method: 'POST', url: `/cases/${caseId}/objections`, headers: officer.headers, payload: { reason: 'first line\n\tsecond line\r\n' } });
    expect(prose.statusCode).toBe(409);
  });

  it('names a record key that PostgreSQL could not store (decision bodies are validated by hand)', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/tasks/any-task/decision', ...raw(officer, '{"scores":{"in\\u0000novation":3}}') });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^body\.scores\./);
  });

  it('refuses bad text in /rules/evaluate, which stores nothing but answers with it', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/rules/evaluate',
      ...raw(officer, '{"program":"A6-PLATFORM","submittedOn":"2026-03-01","applicant":{"registeredInDistrict":true,"priorAwards":[{"costCategory":"\\udc00"}]}}'),
    });
    expectFieldRefused(res, 'body.applicant.priorAwards.0.costCategory');
  });
});

describe('no half-done admin change', () => {
  it('refuses a blacklisting whose reason holds a NUL, leaving the enterprise as it was and no audit entry', async () => {
    const id = await createTestEnterprise(h.database.db);
    const res = await h.app.inject({ method: 'PATCH', url: `/enterprises/${id}`, headers: admin.headers, payload: { blacklisted: true, reason: 'fraud\u0000' } });
    expectFieldRefused(res, 'body.reason');
    const [row] = await h.database.db.select().from(enterprises).where(eq(enterprises.id, id));
    expect(row?.blacklisted).toBe(false);
  });

  it('refuses a user name with a lone surrogate, leaving the name as it was', async () => {
    const user = await createTestUser(h.database.db, 'officer');
    const res = await h.app.inject({ method: 'PATCH', url: `/users/${user.actor.userId}`, ...raw(admin, '{"name":"x\\udfff"}') });
    expectFieldRefused(res, 'body.name');
    const [row] = await h.database.db.select().from(users).where(eq(users.id, user.actor.userId));
    expect(row?.name).toBe(`Test officer ${user.actor.userId}`);
    const entries = await h.database.db.select().from(auditLog).where(eq(auditLog.actor, admin.actor.userId));
    expect(entries.filter((e) => JSON.stringify(e.detail).includes(user.actor.userId))).toEqual([]);
  });
});
