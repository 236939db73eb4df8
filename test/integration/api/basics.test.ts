// The API's plumbing: health and readiness, OpenAPI at /docs, problem+json errors,
// request ids, authentication (expired, forged, deactivated, role changed), and the
// admin's users, enterprises and notices.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../../db/schema.js';
import { createTokenService } from '../../../api/auth.js';
import { rememberStandingsOf } from '../../../api/user-standings.js';
import { buildTestApp, createTestEnterprise, createTestUser, testTokens } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { openTestDatabase, uniqueId } from '../../support/database.js';
import { startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let admin: TestUser;
let officer: TestUser;

beforeAll(async () => {
  h = await startHarness();
  admin = await createTestUser(h.database.db, 'admin');
  officer = await createTestUser(h.database.db, 'officer');
});
afterAll(async () => {
  await h?.close();
});

describe('health, docs and errors', () => {
  it('answers liveness and readiness without a token', async () => {
    expect((await h.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('serves the OpenAPI document with a bearer scheme and every route', async () => {
    const doc = (await h.app.inject({ url: '/docs/json' })).json();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of ['/applications', '/tasks', '/tasks/{taskId}/decision', '/cases/{caseId}/timeline', '/ops/totals', '/exports/payments.csv', '/rules/evaluate', '/notices']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/applications'].post.responses['409']).toBeDefined();
    expect(doc.paths['/exports/payments.csv'].get.responses['200'].content['text/csv']).toBeDefined();
    expect((await h.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const given = await h.app.inject({ url: '/health', headers: { 'x-request-id': 'req-123' } });
    expect(given.headers['x-request-id']).toBe('req-123');
    const made = await h.app.inject({ url: '/health', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a problem 404', async () => {
    const res = await h.app.inject({ url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found', instance: '/nope' });
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/rules/evaluate', headers: { ...officer.headers, 'content-type': 'application/json' }, payload: '{"program":' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('authentication', () => {
  it('refuses a missing, malformed, forged or expired token with 401', async () => {
    expect((await h.app.inject({ url: '/me' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    const forged = await createTokenService('another-secret-of-enough-length-0123456789').issue(officer.actor);
    expect((await h.app.inject({ url: '/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);
    const expired = await testTokens.issue(officer.actor, -10);
    const res = await h.app.inject({ url: '/me', headers: { authorization: `Bearer ${expired}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/invalid or expired/);
  });

  it('refuses a token whose user is unknown, deactivated, or no longer holds the role', async () => {
    const ghost = await testTokens.issue({ userId: uniqueId('ghost'), role: 'officer' });
    expect((await h.app.inject({ url: '/me', headers: { authorization: `Bearer ${ghost}` } })).statusCode).toBe(401);

    const user = await createTestUser(h.database.db, 'officer');
    expect((await h.app.inject({ url: '/me', headers: user.headers })).statusCode).toBe(200);
    const asCommittee = await testTokens.issue({ userId: user.actor.userId, role: 'committee' });
    expect((await h.app.inject({ url: '/me', headers: { authorization: `Bearer ${asCommittee}` } })).statusCode).toBe(401);

    const off = await h.app.inject({ method: 'PATCH', url: `/users/${user.actor.userId}`, headers: admin.headers, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((await h.app.inject({ url: '/me', headers: user.headers })).statusCode).toBe(401);
  });

  it('with standings remembered, as the API process runs, still refuses a deactivated user at once', async () => {
    const userStandings = await rememberStandingsOf(h.database);
    const app = await buildTestApp({ db: h.database.db, temporal: h.env.client, taskQueue: h.taskQueue, userStandings });
    try {
      const user = await createTestUser(h.database.db, 'officer');
      expect((await app.inject({ url: '/me', headers: user.headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'PATCH', url: `/users/${user.actor.userId}`, headers: admin.headers, payload: { active: false } })).statusCode).toBe(200);
      expect((await app.inject({ url: '/me', headers: user.headers })).statusCode).toBe(401);
    } finally {
      await app.close();
      await userStandings.close();
    }
  });

  it('says who the caller is', async () => {
    const res = await h.app.inject({ url: '/me', headers: officer.headers });
    expect(res.json()).toMatchObject({ id: officer.actor.userId, role: 'officer', active: true });
  });
});

describe('users and tokens (admin)', () => {
  it('creates a user, refuses a duplicate, and issues a working token', async () => {
    const enterpriseId = await createTestEnterprise(h.database.db);
    const id = uniqueId('new-applicant');
    const created = await h.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id, name: '申请人', role: 'applicant', enterpriseId } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id, role: 'applicant', enterpriseId, active: true });
    const again = await h.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id, name: '申请人', role: 'applicant', enterpriseId } });
    expect(again.statusCode).toBe(409);

    const issued = await h.app.inject({ method: 'POST', url: `/users/${id}/tokens`, headers: admin.headers, payload: { ttl: '2h' } });
    expect(issued.statusCode).toBe(201);
    const { token, expiresAt } = issued.json();
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(7000_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(7200_000);
    const me = await h.app.inject({ url: '/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ id, enterpriseId });

    const audit = await h.database.db.select().from(auditLog).where(eq(auditLog.actor, admin.actor.userId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user-created', 'token-issued']));
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('names each bad field of a new user', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id: 'x', role: 'king', active: false } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.id', 'body.name', 'body.role', 'body.active']));
    const noEnterprise = await h.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id: uniqueId('a'), name: 'A', role: 'applicant' } });
    expect(noEnterprise.json().errors).toEqual([{ field: 'body.enterpriseId', message: expect.stringContaining('enterprise') }]);
    const unknownEnterprise = await h.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id: uniqueId('a'), name: 'A', role: 'applicant', enterpriseId: 'no-such-ent' } });
    expect(unknownEnterprise.statusCode).toBe(400);
    const badTtl = await h.app.inject({ method: 'POST', url: `/users/${officer.actor.userId}/tokens`, headers: admin.headers, payload: { ttl: '90d' } });
    expect(badTtl.json().errors).toEqual([{ field: 'body.ttl', message: 'must be at most 30 days' }]);
  });

  it('refuses a token for an unknown or deactivated user', async () => {
    const unknown = await h.app.inject({ method: 'POST', url: '/users/nobody-here/tokens', headers: admin.headers });
    expect(unknown.statusCode, unknown.body).toBe(404);
    const user = await createTestUser(h.database.db, 'finance');
    await h.database.db.update(users).set({ active: false }).where(eq(users.id, user.actor.userId));
    expect((await h.app.inject({ method: 'POST', url: `/users/${user.actor.userId}/tokens`, headers: admin.headers })).statusCode).toBe(409);
  });

  it('lists users by role', async () => {
    const res = await h.app.inject({ url: '/users?role=admin&limit=500', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    expect(res.json().items.map((u: { id: string }) => u.id)).toContain(admin.actor.userId);
  });
});

describe('enterprises (admin)', () => {
  it('registers, lists, shows and blacklists an enterprise', async () => {
    const id = uniqueId('ent-new');
    const created = await h.app.inject({ method: 'POST', url: '/enterprises', headers: admin.headers, payload: { id, name: '石景山智算科技有限公司', organisation: '某集团' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id, registeredInDistrict: true, blacklisted: false });
    expect((await h.app.inject({ method: 'POST', url: '/enterprises', headers: admin.headers, payload: { id, name: 'x', organisation: 'y' } })).statusCode).toBe(409);
    const changed = await h.app.inject({ method: 'PATCH', url: `/enterprises/${id}`, headers: admin.headers, payload: { blacklisted: true, reason: '虚假材料' } });
    expect(changed.json().blacklisted).toBe(true);
    expect((await h.app.inject({ url: `/enterprises/${id}`, headers: officer.headers })).json().name).toBe('石景山智算科技有限公司');
    expect((await h.app.inject({ method: 'PATCH', url: '/enterprises/nope-nope', headers: admin.headers, payload: { blacklisted: true, reason: 'x' } })).statusCode).toBe(404);
    const withoutReason = await h.app.inject({ method: 'PATCH', url: `/enterprises/${id}`, headers: admin.headers, payload: { blacklisted: true } });
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json().errors).toEqual([expect.objectContaining({ field: 'body.reason' })]);
    const entries = await h.database.db.select().from(auditLog).where(eq(auditLog.actor, admin.actor.userId));
    expect(entries.find((e) => e.action === 'enterprise-changed')?.reason).toBe('虚假材料');
  });
});

describe('annual notices', () => {
  it('publishes a notice once, with the settings over the defaults, readable by anyone signed in', async () => {
    const year = h.year;
    const body = {
      year,
      applicationOpensOn: `${year}-03-01`,
      applicationClosesOn: `${year}-09-30`,
      reportingOpensOn: `${year}-11-01`,
      reportingClosesOn: `${year}-12-15`,
      programs: { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 } },
      settings: { taskDue: '2 days', panelSize: 3 },
    };
    const created = await h.app.inject({ method: 'POST', url: '/notices', headers: admin.headers, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json().settings).toMatchObject({ taskDue: '2 days', panelSize: 3, correctionPeriod: '15 days' });
    expect((await h.app.inject({ method: 'POST', url: '/notices', headers: admin.headers, payload: body })).statusCode).toBe(409);
    const read = await h.app.inject({ url: `/notices/${year}`, headers: officer.headers });
    expect(read.json().programs).toEqual({ 'A5-DATA-REGISTER': { budgetFen: 100_000_000 } });
    expect((await h.app.inject({ url: '/notices/2999', headers: officer.headers })).statusCode).toBe(404);
    const audit = await h.database.db.select().from(auditLog).where(eq(auditLog.actor, admin.actor.userId));
    expect(audit.map((a) => a.action)).toContain('notice-published');
  });

  it('names each bad field of a notice', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/notices',
      headers: admin.headers,
      payload: {
        year: 2500,
        applicationOpensOn: '2501-03-01',
        applicationClosesOn: '2500-02-01',
        reportingOpensOn: '2500-13-01',
        reportingClosesOn: '2500-12-15',
        programs: { 'NOT-A-PROGRAM': { budgetFen: 1 } },
        settings: { panelSize: 4, taskDue: 'soon' },
      },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.reportingOpensOn', 'body.settings.panelSize', 'body.settings.taskDue']));
    expect(fields.some((f: string) => f.startsWith('body.programs'))).toBe(true);
  });
});

describe('rules preview', () => {
  it('computes an amount from facts like the CLI', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/rules/evaluate?lang=en',
      headers: officer.headers,
      payload: { program: 'A5-DATA-REGISTER', submittedOn: '2025-06-01', applicant: { registeredInDistrict: true }, facts: { registrationFeesFen: 12_345_678 } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ eligible: true, amountFen: 3_703_703, policyVersion: '2025-draft' });
    expect(res.json().explanation).toContain('37,037.03');
  });

  it('names the bad field, as the CLI does', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/rules/evaluate',
      headers: officer.headers,
      payload: { program: 'A5-DATA-REGISTER', submittedOn: '2025-06-01', applicant: {}, facts: { registrationFeesFen: -1, bogus: 1 } },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.applicant.registeredInDistrict', 'body.facts.registrationFeesFen', 'body.facts.bogus']));
    const early = await h.app.inject({ method: 'POST', url: '/rules/evaluate', headers: officer.headers, payload: { program: 'A5-DATA-REGISTER', submittedOn: '2020-01-01', applicant: { registeredInDistrict: true } } });
    expect(early.json().errors[0].field).toBe('body.submittedOn');
  });
});

describe('when the database is gone', () => {
  it('answers 503 naming the database without internals, and readiness says which dependency is down', async () => {
    const broken = await openTestDatabase();
    const app = await buildTestApp({ db: broken.db, temporal: h.env.client, taskQueue: h.taskQueue });
    await broken.close();
    try {
      const res = await app.inject({ url: '/me', headers: officer.headers });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toEqual({
        type: '/problems/dependency-unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail: 'the database (PostgreSQL) is unavailable; try again shortly',
        instance: '/me',
        requestId: res.headers['x-request-id'],
        dependency: 'postgresql',
      });
      const ready = await app.inject({ url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', checks: { database: 'unreachable', temporal: 'ok' } });
    } finally {
      await app.close();
    }
  });
});
