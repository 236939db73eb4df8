// The reads the operations dashboard and the administration pages stand on, against
// the real API and PostgreSQL: the dashboard's figures, case search, the Temporal Web
// UI's address, a user's role and enterprise changed, and what a new notice starts from.
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.js';
import Fastify from 'fastify';
import { registerApp, serverOptions } from '../../../api/app.js';
import { temporalUiBase } from '../../../api/temporal-ui.js';
import { buildTestApp, createTestEnterprise, createTestUser, testTokens } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { seedCase, seedNotice, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let realClock: FastifyInstance;
let ops: TestUser;
let admin: TestUser;
let officer: TestUser;

beforeAll(async () => {
  h = await startHarness();
  // The weekly series counts rows written now, so it is read on the real clock.
  realClock = await buildTestApp({ db: h.database.db, temporal: h.env.client, taskQueue: h.taskQueue });
  ops = await createTestUser(h.database.db, 'ops');
  admin = await createTestUser(h.database.db, 'admin');
  officer = await createTestUser(h.database.db, 'officer');
});
afterAll(async () => {
  await realClock?.close();
  await h?.close();
});

describe('GET /ops/overview', () => {
  it('counts the year’s cases by program and stage, and its late tasks by role', async () => {
    const enterpriseId = await createTestEnterprise(h.database.db);
    const a = await seedCase(h, enterpriseId, { stage: 'formal-review' });
    await seedCase(h, enterpriseId, { stage: 'formal-review' });
    await seedCase(h, enterpriseId, { program: 'A6-PLATFORM', stage: 'committee' });
    await seedCase(h, enterpriseId, { stage: 'closed', status: 'rejected' });
    // The office's clock is mid-June of the harness year.
    await seedTask(h, a.caseId, { kind: 'formal-review', role: 'officer', dueAt: new Date(`${h.year}-06-01T00:00:00Z`) });
    await seedTask(h, a.caseId, { kind: 'formal-review', role: 'officer', dueAt: new Date(`${h.year}-07-01T00:00:00Z`) });

    const res = await h.app.inject({ url: `/ops/overview?year=${h.year}`, headers: ops.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.byStage).toEqual(
      expect.arrayContaining([
        { program: 'A5-DATA-REGISTER', stage: 'formal-review', status: 'in-progress', count: 2 },
        { program: 'A6-PLATFORM', stage: 'committee', status: 'in-progress', count: 1 },
        { program: 'A5-DATA-REGISTER', stage: 'closed', status: 'rejected', count: 1 },
      ]),
    );
    expect(body.byStage).toHaveLength(3);
    expect(body.tasksByRole).toEqual([{ role: 'officer', open: 2, overdue: 1, reminded: 0, escalated: 0, oldestDueAt: `${h.year}-06-01T00:00:00.000Z` }]);
    expect(body.programs).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'A6-PLATFORM', titleZh: expect.any(String), titleEn: expect.any(String) })]));
    expect(body.weekly).toHaveLength(12);
  });

  it('counts cases started and closed per week, up to this week', async () => {
    const enterpriseId = await createTestEnterprise(h.database.db);
    const before = (await realClock.inject({ url: '/ops/overview?weeks=3', headers: ops.headers })).json();
    await seedCase(h, enterpriseId);
    await seedCase(h, enterpriseId, { stage: 'closed', status: 'withdrawn' });
    const after = (await realClock.inject({ url: '/ops/overview?weeks=3', headers: ops.headers })).json();
    expect(after.weekly).toHaveLength(3);
    const thisWeek = after.weekly[2];
    expect(new Date(`${thisWeek.weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
    // Other test files write cases too: at least these two more this week.
    expect(thisWeek.started).toBeGreaterThanOrEqual(before.weekly[2].started + 2);
    expect(thisWeek.closed).toBeGreaterThanOrEqual(before.weekly[2].closed + 1);
  });

  it('is for ops and supervisors, and names a bad parameter', async () => {
    expect((await h.app.inject({ url: '/ops/overview', headers: officer.headers })).statusCode).toBe(403);
    const supervisor = await createTestUser(h.database.db, 'supervisor');
    expect((await h.app.inject({ url: '/ops/overview', headers: supervisor.headers })).statusCode).toBe(200);
    const bad = await h.app.inject({ url: '/ops/overview?weeks=0', headers: ops.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'querystring.weeks' })]);
  });
});

describe('GET /cases as a search', () => {
  it('finds cases by id prefix and by enterprise id or name, a page at a time', async () => {
    const marker = uniqueId('搜索');
    const enterpriseId = await createTestEnterprise(h.database.db, { name: `${marker} 智算有限公司` });
    const prefix = uniqueId('search');
    const first = await seedCase(h, enterpriseId, { id: `${prefix}-1`, submittedOn: `${h.year}-06-02` });
    const second = await seedCase(h, enterpriseId, { id: `${prefix}-2`, program: 'A6-PLATFORM', submittedOn: `${h.year}-06-01` });

    const byName = (await h.app.inject({ url: `/cases?enterprise=${encodeURIComponent(marker)}`, headers: ops.headers })).json();
    expect(byName.items.map((c: { caseId: string }) => c.caseId)).toEqual([first.caseId, second.caseId]);
    expect(byName.items[0]).toMatchObject({ enterpriseName: `${marker} 智算有限公司`, workflowId: `case-${first.caseId}` });
    const byId = (await h.app.inject({ url: `/cases?enterprise=${enterpriseId}&program=A6-PLATFORM`, headers: ops.headers })).json();
    expect(byId.items.map((c: { caseId: string }) => c.caseId)).toEqual([second.caseId]);

    const page1 = (await h.app.inject({ url: `/cases?caseId=${prefix}&limit=1`, headers: officer.headers })).json();
    expect(page1.items.map((c: { caseId: string }) => c.caseId)).toEqual([first.caseId]);
    const page2 = (await h.app.inject({ url: `/cases?caseId=${prefix}&limit=1&cursor=${page1.nextCursor}`, headers: officer.headers })).json();
    expect(page2.items.map((c: { caseId: string }) => c.caseId)).toEqual([second.caseId]);
    expect(page2.nextCursor).toBeNull();

    // LIKE's wildcards are searched for as themselves.
    expect((await h.app.inject({ url: `/cases?caseId=${encodeURIComponent('%')}`, headers: ops.headers })).json().items).toEqual([]);
    expect((await h.app.inject({ url: `/cases?enterprise=_`, headers: ops.headers })).json().items).toEqual([]);
  });

  it('never shows an applicant another enterprise’s cases, nor any workflow id', async () => {
    const mine = await createTestEnterprise(h.database.db);
    const theirs = await createTestEnterprise(h.database.db);
    const own = await seedCase(h, mine);
    await seedCase(h, theirs);
    const applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: mine });
    expect((await h.app.inject({ url: `/cases?enterprise=${theirs}`, headers: applicant.headers })).json().items).toEqual([]);
    const found = (await h.app.inject({ url: `/cases?caseId=${own.caseId}`, headers: applicant.headers })).json().items;
    expect(found).toHaveLength(1);
    expect(found[0].workflowId).toBeUndefined();
  });
});

describe('GET /config', () => {
  it('gives staff the Temporal Web UI’s address (by default the dev server’s) and others none', async () => {
    const res = await h.app.inject({ url: '/config', headers: ops.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ temporalUi: { url: 'http://127.0.0.1:8233', namespace: 'default' } });
    expect((await h.app.inject({ url: '/config', headers: admin.headers })).json()).toEqual({ temporalUi: null });
  });

  it('takes the configured address without its trailing slash, and refuses one that is no http(s) URL', async () => {
    const configured = Fastify(serverOptions(false));
    await registerApp(configured, { db: h.database.db, temporal: h.env.client, tokens: testTokens, taskQueue: h.taskQueue, now: () => new Date(), temporalUiUrl: 'https://temporal.office.example/' });
    expect((await configured.inject({ url: '/config', headers: ops.headers })).json().temporalUi.url).toBe('https://temporal.office.example');
    await configured.close();
    expect(() => temporalUiBase('ftp://temporal')).toThrow(/TEMPORAL_UI_URL/);
    expect(() => temporalUiBase('not a url')).toThrow(/TEMPORAL_UI_URL/);
  });
});

describe('PATCH /users/{id}: role and enterprise', () => {
  it('changes a user’s role and enterprise together, audited, and the old token stops working', async () => {
    const enterpriseId = await createTestEnterprise(h.database.db);
    const person = await createTestUser(h.database.db, 'officer');
    const id = person.actor.userId;

    const missing = await h.app.inject({ method: 'PATCH', url: `/users/${id}`, headers: admin.headers, payload: { role: 'applicant' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'body.enterpriseId' })]);
    const unknown = await h.app.inject({ method: 'PATCH', url: `/users/${id}`, headers: admin.headers, payload: { role: 'applicant', enterpriseId: 'no-such-enterprise' } });
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'body.enterpriseId', message: 'no enterprise no-such-enterprise' })]);

    const changed = await h.app.inject({ method: 'PATCH', url: `/users/${id}`, headers: admin.headers, payload: { role: 'applicant', enterpriseId } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'applicant', enterpriseId });
    expect((await h.app.inject({ url: '/tasks', headers: person.headers })).statusCode).toBe(401);
    const [entry] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user-changed'), eq(auditLog.actor, admin.actor.userId)));
    expect(entry?.detail).toMatchObject({ userId: id, role: 'applicant', enterpriseId });

    const back = await h.app.inject({ method: 'PATCH', url: `/users/${id}`, headers: admin.headers, payload: { role: 'finance' } });
    expect(back.json().errors).toEqual([expect.objectContaining({ field: 'body.enterpriseId' })]);
    expect((await h.app.inject({ method: 'PATCH', url: `/users/${id}`, headers: admin.headers, payload: { role: 'finance', enterpriseId: null } })).json()).toMatchObject({ role: 'finance', enterpriseId: null });
    expect((await h.app.inject({ method: 'PATCH', url: `/users/${admin.actor.userId}`, headers: admin.headers, payload: { role: 'ops' } })).statusCode).toBe(409);
  });
});

describe('GET /notice-defaults and a notice’s own settings', () => {
  it('gives the admin the default settings and the programs a notice may open', async () => {
    const res = await h.app.inject({ url: '/notice-defaults', headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings).toMatchObject({ taskDue: '10 days', panelSize: 5, paymentAttempts: 3, noticePollInterval: '1 day' });
    expect(res.json().programs.map((p: { code: string }) => p.code)).toContain('A6-PLATFORM');
    expect((await h.app.inject({ url: '/notice-defaults', headers: officer.headers })).statusCode).toBe(403);

    await seedNotice(h, undefined, undefined, { taskDue: '2 days', panelSize: 3 });
    const notice = (await h.app.inject({ url: `/notices/${h.year}`, headers: officer.headers })).json();
    expect(notice.ownSettings.sort()).toEqual(['panelSize', 'taskDue']);
    expect(notice.settings).toMatchObject({ taskDue: '2 days', panelSize: 3, correctionPeriod: '15 days' });
  });
});
