// The authorization matrix (OWASP API1/API3/API5): every role × every route × an
// object of its own and a foreign one, with the exact status each must get. State-
// changing requests are aimed at seeded cases that have no workflow, so an allowed
// one stops at "not running" (409) or at body validation (400) and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../workflows/subsidy-case/messages.js';
import { TASK_KINDS } from '../../../api/schemas.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { seedCase, seedNotice, seedSeat, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

const ROLES: Role[] = ['applicant', 'officer', 'expert', 'committee', 'finance', 'supervisor', 'ops', 'admin'];

interface Objects {
  caseId: string;
  taskId: string;
  enterpriseId: string;
  userId: string;
}

type Expected = Partial<Record<Role, number | [own: number, foreign: number]>>;

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as OpenAPI names it. */
  route: string;
  url: (o: Objects) => string;
  body?: (o: Objects) => unknown;
  /** Roles not listed get 403. */
  expect: Expected;
  /** Without credentials: 401 unless the route is public. */
  anonymous?: number;
}

const all = (status: number): Expected => Object.fromEntries(ROLES.map((r) => [r, status]));
const enc = encodeURIComponent;
let year = 0;

const rows: Row[] = [
  { method: 'GET', route: '/health', url: () => '/health', expect: all(200) },
  { method: 'GET', route: '/ready', url: () => '/ready', expect: all(200) },
  { method: 'GET', route: '/me', url: () => '/me', expect: all(200) },
  { method: 'GET', route: '/users', url: () => '/users?limit=1', expect: { admin: 200 } },
  { method: 'POST', route: '/users', url: () => '/users', body: () => ({}), expect: { admin: 400 } },
  { method: 'PATCH', route: '/users/{userId}', url: (o) => `/users/${o.userId}`, body: () => ({ name: 'renamed' }), expect: { admin: 200 } },
  { method: 'POST', route: '/users/{userId}/tokens', url: (o) => `/users/${o.userId}/tokens`, body: () => ({ ttl: '1h' }), expect: { admin: 201 } },
  { method: 'GET', route: '/enterprises', url: () => '/enterprises?limit=1', expect: { admin: 200, officer: 200, ops: 200 } },
  { method: 'POST', route: '/enterprises', url: () => '/enterprises', body: () => ({}), expect: { admin: 400 } },
  {
    method: 'GET',
    route: '/enterprises/{enterpriseId}',
    url: (o) => `/enterprises/${o.enterpriseId}`,
    expect: { admin: 200, officer: 200, ops: 200, applicant: [200, 404] },
  },
  { method: 'PATCH', route: '/enterprises/{enterpriseId}', url: (o) => `/enterprises/${o.enterpriseId}`, body: () => ({}), expect: { admin: 200 } },
  { method: 'GET', route: '/notices', url: () => '/notices', expect: all(200) },
  { method: 'GET', route: '/notices/{year}', url: () => `/notices/${year}`, expect: all(200) },
  { method: 'POST', route: '/notices', url: () => '/notices', body: () => ({}), expect: { admin: 400 } },
  { method: 'POST', route: '/applications', url: () => '/applications', body: () => ({}), expect: { applicant: 400 } },
  { method: 'GET', route: '/programs', url: () => '/programs', expect: all(200), anonymous: 200 },
  { method: 'GET', route: '/programs/{program}', url: () => '/programs/A6-PLATFORM', expect: all(200), anonymous: 200 },
  {
    method: 'POST',
    route: '/applications/estimate',
    url: () => '/applications/estimate',
    body: () => ({ program: 'A5-DATA-REGISTER', facts: { registrationFeesFen: 100 } }),
    expect: { applicant: 200 },
  },
  { method: 'GET', route: '/cases', url: () => '/cases?limit=1', expect: { ...all(200), admin: 403 } },
  {
    method: 'GET',
    route: '/cases/{caseId}',
    url: (o) => `/cases/${o.caseId}`,
    expect: { applicant: [200, 404], expert: [200, 404], officer: 200, committee: 200, finance: 200, supervisor: 200, ops: 200 },
  },
  { method: 'POST', route: '/cases/{caseId}/withdraw', url: (o) => `/cases/${o.caseId}/withdraw`, body: () => ({ reason: '撤回' }), expect: { applicant: [409, 404] } },
  {
    method: 'POST',
    route: '/cases/{caseId}/yearly-reports',
    url: (o) => `/cases/${o.caseId}/yearly-reports`,
    body: () => ({ facts: { rentPaidFen: 1 } }),
    expect: { applicant: [409, 404] },
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/revocation',
    url: (o) => `/cases/${o.caseId}/revocation`,
    body: () => ({ grounds: 'false-evidence', reason: '虚假材料' }),
    expect: { committee: 409 },
  },
  { method: 'POST', route: '/cases/{caseId}/objections', url: (o) => `/cases/${o.caseId}/objections`, body: () => ({ reason: '有异议' }), expect: { officer: 409, ops: 409 } },
  {
    method: 'GET',
    route: '/cases/{caseId}/panel',
    url: (o) => `/cases/${o.caseId}/panel`,
    expect: { expert: [200, 404], officer: 200, committee: 200, supervisor: 200, ops: 200 },
  },
  { method: 'GET', route: '/cases/{caseId}/timeline', url: (o) => `/cases/${o.caseId}/timeline`, expect: { officer: 200, supervisor: 200, ops: 200 } },
  { method: 'GET', route: '/tasks', url: () => '/tasks?limit=1', expect: all(200) },
  {
    method: 'POST',
    route: '/tasks/{taskId}/decision',
    url: (o) => `/tasks/${enc(o.taskId)}/decision`,
    body: () => ({ decision: 'accept' }),
    // An officer's review task: the officer gets through to the (absent) case; an applicant
    // sees its own enterprise's task but may not decide it; an expert sees no task not drawn for it.
    expect: { officer: 409, applicant: [403, 404], expert: 404 },
  },
  { method: 'POST', route: '/tasks/{taskId}/claim', url: (o) => `/tasks/${enc(o.taskId)}/claim`, expect: { officer: 409 } },
  { method: 'POST', route: '/tasks/{taskId}/release', url: (o) => `/tasks/${enc(o.taskId)}/release`, expect: { officer: 409 } },
  {
    method: 'POST',
    route: '/rules/evaluate',
    url: () => '/rules/evaluate',
    body: () => ({ program: 'A5-DATA-REGISTER', submittedOn: '2025-06-01', applicant: { registeredInDistrict: true }, facts: { registrationFeesFen: 100 } }),
    expect: all(200),
  },
  { method: 'GET', route: '/policies', url: () => '/policies', expect: all(200) },
  // An empty body is no candidate: the roles allowed get through to the 400 (nothing is previewed or stored).
  { method: 'POST', route: '/policies/preview', url: () => '/policies/preview', body: () => ({}), expect: { committee: 400, supervisor: 400, ops: 400 } },
  { method: 'POST', route: '/policies/preview.csv', url: () => '/policies/preview.csv', body: () => ({}), expect: { committee: 400, supervisor: 400, ops: 400 } },
  { method: 'POST', route: '/policies/preview.xlsx', url: () => '/policies/preview.xlsx', body: () => ({}), expect: { committee: 400, supervisor: 400, ops: 400 } },
  { method: 'POST', route: '/policies/preview/cases/{caseId}', url: () => '/policies/preview/cases/no-such-case', body: () => ({}), expect: { committee: 400, supervisor: 400, ops: 400 } },
  { method: 'POST', route: '/policies/{version}/adoption', url: () => '/policies/2030-final-example/adoption', body: () => ({}), expect: { admin: 400, committee: 400 } },
  { method: 'GET', route: '/other-policy-awards', url: () => '/other-policy-awards?limit=1', expect: { officer: 200, committee: 200, supervisor: 200, ops: 200 } },
  { method: 'POST', route: '/other-policy-awards', url: () => '/other-policy-awards', body: () => ({}), expect: { officer: 400 } },
  // No such entry: readers get through to the 404.
  { method: 'GET', route: '/other-policy-awards/{awardId}', url: () => '/other-policy-awards/999999999', expect: { officer: 404, committee: 404, supervisor: 404, ops: 404 } },
  {
    method: 'POST',
    route: '/other-policy-awards/{awardId}/withdrawal',
    url: () => '/other-policy-awards/999999999/withdrawal',
    body: () => ({ reason: '误录' }),
    expect: { officer: 404 },
  },
  { method: 'GET', route: '/ops/stuck-activities', url: () => '/ops/stuck-activities?limit=1', expect: { ops: 200, supervisor: 200 } },
  { method: 'GET', route: '/ops/stuck-cases', url: () => '/ops/stuck-cases?limit=1', expect: { ops: 200, supervisor: 200 } },
  { method: 'GET', route: '/ops/overview', url: () => `/ops/overview?year=${year}`, expect: { ops: 200, supervisor: 200 } },
  { method: 'GET', route: '/config', url: () => '/config', expect: all(200) },
  { method: 'GET', route: '/notice-defaults', url: () => '/notice-defaults', expect: { admin: 200 } },
  { method: 'GET', route: '/ops/totals', url: () => `/ops/totals?year=${year}`, expect: { ops: 200, finance: 200, supervisor: 200 } },
  { method: 'GET', route: '/exports/payments.csv', url: () => `/exports/payments.csv?year=${year}`, expect: { finance: 200 } },
  { method: 'GET', route: '/exports/payments.xlsx', url: () => `/exports/payments.xlsx?year=${year}`, expect: { finance: 200 } },
  { method: 'GET', route: '/exports/assessments.csv', url: () => `/exports/assessments.csv?year=${year}`, expect: { officer: 200, committee: 200, supervisor: 200, ops: 200 } },
  // The workspace's sign-in: a bearer caller has no session to end or password to change here, but is answered.
  { method: 'POST', route: '/session', url: () => '/session', body: () => ({}), expect: all(400), anonymous: 400 },
  { method: 'GET', route: '/session', url: () => '/session', expect: all(200) },
  { method: 'DELETE', route: '/session', url: () => '/session', expect: all(204) },
  { method: 'POST', route: '/session/password', url: () => '/session/password', body: () => ({}), expect: all(400) },
  { method: 'GET', route: '/saved-views', url: () => '/saved-views', expect: all(200) },
  { method: 'POST', route: '/saved-views', url: () => '/saved-views', body: () => ({}), expect: all(400) },
  { method: 'DELETE', route: '/saved-views/{viewId}', url: () => '/saved-views/999999999', expect: all(404) },
  { method: 'GET', route: '/tasks/counts', url: () => '/tasks/counts', expect: all(200) },
  // Each person's own feed: a notification none may see is a 404, marking all read marks what is theirs.
  { method: 'GET', route: '/notifications', url: () => '/notifications?limit=1', expect: all(200) },
  { method: 'GET', route: '/notifications/unread-count', url: () => '/notifications/unread-count', expect: all(200) },
  { method: 'POST', route: '/notifications/{notificationId}/read', url: () => '/notifications/999999999999/read', expect: all(404) },
  { method: 'POST', route: '/notifications/read', url: () => '/notifications/read', body: () => ({ upToId: 1 }), expect: all(200) },
  { method: 'GET', route: '/mail-settings', url: () => '/mail-settings', expect: { admin: 200 } },
  { method: 'PUT', route: '/mail-settings', url: () => '/mail-settings', body: () => ({}), expect: { admin: 400 } },
  { method: 'GET', route: '/decision-forms', url: () => '/decision-forms', expect: all(200) },
  ...['/tasks/{taskId}', '/tasks/{taskId}/decision-form'].map(
    (route): Row => ({
      method: 'GET',
      route,
      url: (o) => route.replace('{taskId}', enc(o.taskId)),
      // An officer's task: staff see it, an applicant its own enterprise's, an expert and the admin none.
      expect: { officer: 200, committee: 200, finance: 200, supervisor: 200, ops: 200, applicant: [200, 404], expert: 404, admin: 404 },
    }),
  ),
  ...TASK_KINDS.map(
    (kind): Row => ({
      method: 'POST',
      route: `/tasks/{taskId}/decision/${kind}`,
      url: (o) => `/tasks/${enc(o.taskId)}/decision/${kind}`,
      body: () => ({ decision: 'accept' }),
      // The officer's review task: its own kind reaches the (absent) case, any other kind is refused as the wrong kind.
      expect: { officer: 409, applicant: [403, 404], expert: 404 },
    }),
  ),
  {
    method: 'GET',
    route: '/cases/{caseId}/assessment',
    url: (o) => `/cases/${o.caseId}/assessment`,
    // Seeded cases have no workflow whose input the assessment reads: 409 once the caller may read the case.
    expect: { officer: 409, committee: 409, finance: 409, supervisor: 409, ops: 409 },
  },
  {
    method: 'GET',
    route: '/cases/{caseId}/year-over-year',
    url: (o) => `/cases/${o.caseId}/year-over-year`,
    // A seeded case is in its first support year: nothing to compare, answered as such.
    expect: { officer: 200, committee: 200, finance: 200, supervisor: 200, ops: 200 },
  },
  { method: 'GET', route: '/exports/public-notice.csv', url: () => `/exports/public-notice.csv?year=${year}`, expect: { officer: 200, ops: 200 } },
];

let h: ApiHarness;
const users = {} as Record<Role, TestUser>;
let own: Objects;
let foreign: Objects;

beforeAll(async () => {
  h = await startHarness();
  year = h.year;
  await seedNotice(h);
  const ownEnterprise = await createTestEnterprise(h.database.db);
  const foreignEnterprise = await createTestEnterprise(h.database.db);
  for (const role of ROLES) users[role] = await createTestUser(h.database.db, role, role === 'applicant' ? { enterpriseId: ownEnterprise } : {});
  const ownCase = (await seedCase(h, ownEnterprise, { stage: 'public-notice' })).caseId;
  const foreignCase = (await seedCase(h, foreignEnterprise, { stage: 'public-notice' })).caseId;
  // The expert sits on the own case's panel only.
  await seedSeat(h, ownCase, { expertId: users.expert.actor.userId, seat: 1 });
  const ownTask = await seedTask(h, ownCase, { kind: 'formal-review', role: 'officer' });
  const foreignTask = await seedTask(h, foreignCase, { kind: 'formal-review', role: 'officer' });
  const ownUser = (await createTestUser(h.database.db, 'finance')).actor.userId;
  const foreignUser = (await createTestUser(h.database.db, 'finance')).actor.userId;
  own = { caseId: ownCase, taskId: ownTask, enterpriseId: ownEnterprise, userId: ownUser };
  foreign = { caseId: foreignCase, taskId: foreignTask, enterpriseId: foreignEnterprise, userId: foreignUser };
});
afterAll(async () => {
  await h?.close();
});

function expected(row: Row, role: Role, which: 0 | 1): number {
  const e = row.expect[role];
  if (e === undefined) return 403;
  return typeof e === 'number' ? e : e[which];
}

async function call(row: Row, objects: Objects, headers: Record<string, string>) {
  const body = row.body?.(objects);
  return h.app.inject({ method: row.method, url: row.url(objects), headers, ...(body !== undefined && { payload: body as object }) });
}

describe('authorization matrix', () => {
  it('covers every route the API serves', async () => {
    const doc = (await h.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.sort()).toEqual(rows.map((r) => `${r.method} ${r.route}`).sort());
  });

  for (const row of rows) {
    it(`${row.method} ${row.route}`, async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const role of ROLES) {
        for (const [which, objects] of [[0, own], [1, foreign]] as const) {
          const res = await call(row, objects, users[role].headers);
          got.push(`${role}/${which ? 'foreign' : 'own'}: ${res.statusCode}`);
          want.push(`${role}/${which ? 'foreign' : 'own'}: ${expected(row, role, which)}`);
          if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }
      const anonymous = await call(row, own, {});
      got.push(`anonymous: ${anonymous.statusCode}`);
      want.push(`anonymous: ${row.anonymous ?? (row.route === '/health' || row.route === '/ready' ? 200 : 401)}`);
      expect(got).toEqual(want);
    });
  }
});
