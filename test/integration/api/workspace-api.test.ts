// What the workspace needs of the API, on the real app and PostgreSQL: signing in as
// a person (sessions, CSRF, lockout, the first password change, deactivation), the
// inbox's case/overdue/sort filters, counts and saved views, money tasks' subjects,
// one OpenAPI body per task kind, recoveries in the totals and the XLSX export.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { InjectOptions, Response as LightMyRequestResponse } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/sign-in/passwords.js';
import { SESSION_COOKIE, SIGN_IN_POLICY } from '../../../api/sign-in/sign-in-policy.js';
import { recoveries, users } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { seedCase, seedNotice, seedPayment, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let admin: TestUser;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h);
  admin = await createTestUser(h.database.db, 'admin');
});
afterAll(() => h.close());

const inject = (options: InjectOptions) => h.app.inject(options) as unknown as Promise<LightMyRequestResponse>;

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(userId: string, password: string): Promise<Session> {
  const res = await inject({ method: 'POST', url: '/session', payload: { userId, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  return { cookie: cookie!.value, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

const asSession = (s: Session, options: InjectOptions, withCsrf = true) =>
  inject({ ...options, cookies: { [SESSION_COOKIE]: s.cookie }, headers: { ...(options.headers as object), ...(withCsrf && { 'x-csrf-token': s.csrf }) } });

async function userWithPassword(role: 'officer' | 'finance' | 'committee', password = 'a-good-password'): Promise<string> {
  const user = await createTestUser(h.database.db, role);
  await h.database.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.actor.userId));
  return user.actor.userId;
}

describe('signing in as a person', () => {
  it('the admin sets an initial password; the first sign-in must change it before anything else', async () => {
    const id = uniqueId('first-sign-in');
    const created = await inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id, name: '新同事', role: 'officer', initialPassword: 'initial-pass-1' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id, hasPassword: true });
    expect(created.body).not.toContain('initial-pass-1');
    const session = await signIn(id, 'initial-pass-1');
    expect((await asSession(session, { method: 'GET', url: '/session' })).json()).toMatchObject({ passwordMustChange: true, user: { id, role: 'officer' } });
    const blocked = await asSession(session, { method: 'GET', url: '/tasks' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().detail).toContain('change your password');
    const tooShort = await asSession(session, { method: 'POST', url: '/session/password', payload: { currentPassword: 'initial-pass-1', newPassword: 'short' } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors).toEqual([expect.objectContaining({ field: 'body.newPassword' })]);
    const wrongCurrent = await asSession(session, { method: 'POST', url: '/session/password', payload: { currentPassword: 'not-it-at-all', newPassword: 'my-own-password' } });
    expect(wrongCurrent.json().errors).toEqual([expect.objectContaining({ field: 'body.currentPassword' })]);
    expect((await asSession(session, { method: 'POST', url: '/session/password', payload: { currentPassword: 'initial-pass-1', newPassword: 'my-own-password' } })).statusCode).toBe(204);
    expect((await asSession(session, { method: 'GET', url: '/tasks' })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/session', payload: { userId: id, password: 'initial-pass-1' } })).statusCode).toBe(401);
    await signIn(id, 'my-own-password');
  });

  it('refuses a state-changing request made with the cookie but without the CSRF token; bearer requests need none', async () => {
    const id = await userWithPassword('officer');
    const session = await signIn(id, 'a-good-password');
    const body = { name: 'mine', filters: { overdue: 'true' } };
    const noToken = await asSession(session, { method: 'POST', url: '/saved-views', payload: body }, false);
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().detail).toContain('x-csrf-token');
    const wrongToken = await asSession(session, { method: 'POST', url: '/saved-views', payload: body, headers: { 'x-csrf-token': 'guessed' } }, false);
    expect(wrongToken.statusCode).toBe(403);
    expect((await asSession(session, { method: 'POST', url: '/saved-views', payload: body })).statusCode).toBe(200);
    // Reading needs no token.
    expect((await asSession(session, { method: 'GET', url: '/saved-views' }, false)).statusCode).toBe(200);
    const bearer = await createTestUser(h.database.db, 'officer');
    expect((await inject({ method: 'POST', url: '/saved-views', headers: bearer.headers, payload: body })).statusCode).toBe(200);
  });

  it(`locks the account after ${SIGN_IN_POLICY.maxFailures} failures in a row, even for the right password`, async () => {
    const id = await userWithPassword('officer');
    for (let i = 0; i < SIGN_IN_POLICY.maxFailures; i += 1) {
      expect((await inject({ method: 'POST', url: '/session', payload: { userId: id, password: `wrong-${i}` } })).statusCode).toBe(401);
    }
    const locked = await inject({ method: 'POST', url: '/session', payload: { userId: id, password: 'a-good-password' } });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(SIGN_IN_POLICY.lockMs / 1000 - 60);
    // The admin's reset unlocks it (and the next sign-in must change the password).
    expect((await inject({ method: 'PATCH', url: `/users/${id}`, headers: admin.headers, payload: { password: 'reset-by-admin' } })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/session', payload: { userId: id, password: 'reset-by-admin' } })).json()).toMatchObject({ passwordMustChange: true });
  });

  it('an unknown user and a wrong password get the same answer', async () => {
    const unknown = await inject({ method: 'POST', url: '/session', payload: { userId: uniqueId('nobody'), password: 'whatever-it-is' } });
    const id = await userWithPassword('officer');
    const wrong = await inject({ method: 'POST', url: '/session', payload: { userId: id, password: 'whatever-it-is' } });
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('deactivating a user ends their sessions at once; signing out ends one', async () => {
    const id = await userWithPassword('finance');
    const a = await signIn(id, 'a-good-password');
    const b = await signIn(id, 'a-good-password');
    expect((await asSession(a, { method: 'DELETE', url: '/session' })).statusCode).toBe(204);
    expect((await asSession(a, { method: 'GET', url: '/tasks' })).statusCode).toBe(401);
    expect((await asSession(b, { method: 'GET', url: '/tasks' })).statusCode).toBe(200);
    expect((await inject({ method: 'PATCH', url: `/users/${id}`, headers: admin.headers, payload: { active: false } })).statusCode).toBe(200);
    expect((await asSession(b, { method: 'GET', url: '/tasks' })).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/session', payload: { userId: id, password: 'a-good-password' } })).statusCode).toBe(401);
  });
});

describe('the inbox for the workspace', () => {
  it('filters by case and overdue, sorts both ways with keyset pages, and counts per filter', async () => {
    const officer = await createTestUser(h.database.db, 'officer');
    const enterpriseId = await createTestEnterprise(h.database.db);
    const { caseId } = await seedCase(h, enterpriseId);
    const now = Date.now();
    const ids: string[] = [];
    for (const hours of [-48, -24, 24, 48, 72]) ids.push(await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', dueAt: new Date(now + hours * 3600_000) }));
    const page = async (query: string) => (await inject({ method: 'GET', url: `/tasks?caseId=${caseId}&${query}`, headers: officer.headers })).json() as { items: { taskId: string }[]; nextCursor: string | null };
    expect((await page('limit=50')).items.map((t) => t.taskId)).toEqual(ids);
    // The office clock of the harness is in June of the test year, long after these due dates? No: the API's now is the harness's clock.
    const overdueNow = (await page('overdue=true&limit=50')).items.map((t) => t.taskId);
    expect(overdueNow.every((id) => ids.includes(id))).toBe(true);
    const desc: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(`sort=-due&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      desc.push(...p.items.map((t) => t.taskId));
      cursor = p.nextCursor;
    } while (cursor);
    expect(desc).toEqual([...ids].reverse());
    const counts = (await inject({ method: 'GET', url: '/tasks/counts', headers: officer.headers })).json() as { total: number; byKind: Record<string, number>; byProgram: Record<string, number> };
    expect(counts.byKind['formal-review']).toBeGreaterThanOrEqual(5);
    expect(counts.total).toBeGreaterThanOrEqual(5);
    const bad = await inject({ method: 'GET', url: '/tasks?sort=sideways', headers: officer.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.sort');
  });

  it('saved views are each person’s own, replaced by name, deleted by id', async () => {
    const a = await createTestUser(h.database.db, 'officer');
    const b = await createTestUser(h.database.db, 'officer');
    const saved = (await inject({ method: 'POST', url: '/saved-views', headers: a.headers, payload: { name: '逾期', filters: { overdue: 'true', program: 'A6-PLATFORM' } } })).json() as { id: number };
    await inject({ method: 'POST', url: '/saved-views', headers: a.headers, payload: { name: '逾期', filters: { overdue: 'true', sort: '-due' } } });
    expect((await inject({ method: 'GET', url: '/saved-views', headers: a.headers })).json().items).toEqual([expect.objectContaining({ name: '逾期', filters: { overdue: 'true', sort: '-due' } })]);
    expect((await inject({ method: 'GET', url: '/saved-views', headers: b.headers })).json().items).toEqual([]);
    expect((await inject({ method: 'DELETE', url: `/saved-views/${saved.id}`, headers: b.headers })).statusCode).toBe(404);
    expect((await inject({ method: 'DELETE', url: `/saved-views/${saved.id}`, headers: a.headers })).statusCode).toBe(204);
    const bad = await inject({ method: 'POST', url: '/saved-views', headers: a.headers, payload: { name: 'x', filters: { colour: 'red' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.filters.colour');
  });

  it('payment and repayment tasks carry their subject: year, component and amount', async () => {
    const finance = await createTestUser(h.database.db, 'finance');
    const enterpriseId = await createTestEnterprise(h.database.db);
    const { caseId } = await seedCase(h, enterpriseId, { stage: 'disbursement' });
    const key = await seedPayment(h, caseId, { amountFen: 12_345_600, component: 'registration' });
    const taskId = `${caseId}:payment-confirmation:${uniqueId('t')}`;
    await seedTask(h, caseId, { id: taskId, kind: 'payment-confirmation', role: 'finance', stage: 'disbursement' });
    await h.database.db.execute(`update tasks set subject = '${key}' where id = '${taskId}'` as never);
    const subject = { kind: 'payment', items: [{ supportYear: 1, component: 'registration', amountFen: 12_345_600 }], totalFen: 12_345_600 };
    expect((await inject({ method: 'GET', url: `/tasks?caseId=${caseId}`, headers: finance.headers })).json().items[0].subject).toEqual(subject);
    expect((await inject({ method: 'GET', url: `/tasks/${encodeURIComponent(taskId)}`, headers: finance.headers })).json().subject).toEqual(subject);

    const revoked = await seedCase(h, enterpriseId, { stage: 'recovery', status: 'revoked' });
    await h.database.db.insert(recoveries).values([
      { recoveryKey: `${revoked.caseId}:r1`, caseId: revoked.caseId, supportYear: 1, component: 'rent', amountFen: 300, grounds: 'false evidence', status: 'open' },
      { recoveryKey: `${revoked.caseId}:r2`, caseId: revoked.caseId, supportYear: 1, component: 'operating', amountFen: 200, grounds: 'false evidence', status: 'open' },
    ]);
    await seedTask(h, revoked.caseId, { kind: 'repayment-confirmation', role: 'finance', stage: 'recovery' });
    const repayment = (await inject({ method: 'GET', url: `/tasks?caseId=${revoked.caseId}`, headers: finance.headers })).json().items[0].subject;
    expect(repayment).toEqual({ kind: 'repayment', items: [{ supportYear: 1, component: 'operating', amountFen: 200 }, { supportYear: 1, component: 'rent', amountFen: 300 }], totalFen: 500 });
    const detail = (await inject({ method: 'GET', url: `/cases/${revoked.caseId}`, headers: finance.headers })).json();
    expect(detail.recoveries).toHaveLength(2);
    const totals = (await inject({ method: 'GET', url: `/ops/totals?year=${h.year}`, headers: finance.headers })).json();
    expect(totals.totals.owedFen).toBeGreaterThanOrEqual(500);
  });
});

describe('documents and exports', () => {
  it('the OpenAPI document carries one decision body schema per task kind', async () => {
    const doc = (await inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { title?: string } }> } } }> };
    for (const kind of ['formal-review', 'correction', 'expert-conflict', 'expert-scoring', 'committee-decision', 'payment-confirmation', 'yearly-report', 'yearly-verification', 'yearly-countersign', 'repayment-confirmation']) {
      const body = doc.paths[`/tasks/{taskId}/decision/${kind}`]?.post?.requestBody?.content['application/json']?.schema;
      // The kind's own body (titled with its kind), not the union of every kind's.
      expect(body?.title, kind).toBe(kind);
    }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/session', '/session/password', '/saved-views', '/tasks/counts', '/exports/payments.xlsx']));
  });

  it('serves the payments of a year as an XLSX workbook with recoveries', async () => {
    const finance = await createTestUser(h.database.db, 'finance');
    const enterpriseId = await createTestEnterprise(h.database.db);
    const { caseId } = await seedCase(h, enterpriseId, { stage: 'closed', status: 'completed' });
    await seedPayment(h, caseId, { amountFen: 9_990_000, status: 'paid', reference: '=HYPERLINK("x")' });
    const res = await inject({ method: 'GET', url: `/exports/payments.xlsx?year=${h.year}`, headers: finance.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toContain('追回金额（元）');
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === caseId)!;
    expect(row.getCell(9).value).toBe('99900.00');
    // A value that looks like a formula is written as text, never as a formula.
    expect(row.getCell(12).value).toBe('=HYPERLINK("x")');
  });

  it('GET / leads to the workspace', async () => {
    const res = await inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/app/');
  });
});
