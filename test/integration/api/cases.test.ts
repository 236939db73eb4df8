// Reading cases over read-model rows seeded directly: who sees which case and which
// fields, the expert panel's secrecy, the timeline, totals against budget, the CSV
// exports, and the state checks of withdrawal and objections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, budgetReservations } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { seedCase, seedNotice, seedPayment, seedSeat, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let ent: string;
let foreignEnt: string;
let applicant: TestUser;
let foreignApplicant: TestUser;
let officer: TestUser;
let ops: TestUser;
let finance: TestUser;
let committee: TestUser;
let experts: TestUser[];
let outsider: TestUser;
let reviewCase: string;
let panelCase: string;
let paidCase: string;
let foreignCase: string;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h, { 'A5-DATA-REGISTER': { budgetFen: 10_000_000 }, 'A8-SCENARIO-DISTRICT': { budgetFen: 50_000_000 } });
  ent = await createTestEnterprise(h.database.db, { name: '北京"星辰",智能 科技' });
  foreignEnt = await createTestEnterprise(h.database.db, { name: '=HYPERLINK("x")' });
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: ent });
  foreignApplicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: foreignEnt });
  officer = await createTestUser(h.database.db, 'officer');
  ops = await createTestUser(h.database.db, 'ops');
  finance = await createTestUser(h.database.db, 'finance');
  committee = await createTestUser(h.database.db, 'committee');
  experts = [await createTestUser(h.database.db, 'expert'), await createTestUser(h.database.db, 'expert'), await createTestUser(h.database.db, 'expert')];
  outsider = await createTestUser(h.database.db, 'expert');

  reviewCase = (await seedCase(h, ent, { submittedOn: `${h.year}-06-10` })).caseId;
  await seedTask(h, reviewCase, { kind: 'formal-review', role: 'officer', assignee: officer.actor.userId, dueAt: new Date(Date.now() - 3600_000) });
  await seedTask(h, reviewCase, { kind: 'correction', role: 'applicant', stage: 'correction' });
  panelCase = (await seedCase(h, ent, { program: 'A8-SCENARIO-DISTRICT', stage: 'expert-evaluation', submittedOn: `${h.year}-06-11` })).caseId;
  await seedSeat(h, panelCase, { expertId: experts[0]!.actor.userId, seat: 1, status: 'scored', scores: { influence: 15 }, totalPoints: 70 });
  await seedSeat(h, panelCase, { expertId: experts[1]!.actor.userId, seat: 2, status: 'scored', scores: { influence: 18 }, totalPoints: 80 });
  await seedSeat(h, panelCase, { expertId: experts[2]!.actor.userId, seat: 3, status: 'accepted' });
  paidCase = (await seedCase(h, ent, { stage: 'closed', status: 'completed', approvedAmountFen: 3_703_703, submittedOn: `${h.year}-06-12` })).caseId;
  await seedPayment(h, paidCase, { amountFen: 3_703_703, status: 'paid', reference: 'BANK-001' });
  foreignCase = (await seedCase(h, foreignEnt, { stage: 'public-notice', approvedAmountFen: 1_000_000, submittedOn: `${h.year}-06-13` })).caseId;
  await seedPayment(h, foreignCase, { amountFen: 1_000_000, status: 'instructed' });
  const rejectedCase = (await seedCase(h, foreignEnt, { stage: 'closed', status: 'rejected', approvedAmountFen: 999, submittedOn: `${h.year}-06-14` })).caseId;
  // What the approvals reserved on the year's budget: the foreign case over budget, the rejected case's given back.
  const reservation = { supportYear: 1, program: 'A5-DATA-REGISTER', budgetYear: h.year, status: 'reserved' };
  await h.database.db.insert(budgetReservations).values([
    { ...reservation, caseId: paidCase, amountFen: 3_703_703 },
    { ...reservation, caseId: foreignCase, amountFen: 1_000_000, overBudgetReason: '重点项目，已申请追加预算' },
    { ...reservation, caseId: rejectedCase, amountFen: 999, status: 'released' },
  ]);
});
afterAll(async () => {
  await h?.close();
});

const ids = (res: { json(): { items: { caseId: string }[] } }) => res.json().items.map((c) => c.caseId);

describe('GET /cases', () => {
  it('lists only the applicant’s enterprise’s cases, newest first', async () => {
    const res = await h.app.inject({ url: `/cases?year=${h.year}`, headers: applicant.headers });
    expect(ids(res)).toEqual([paidCase, panelCase, reviewCase]);
    const theirs = ids(await h.app.inject({ url: `/cases?year=${h.year}`, headers: foreignApplicant.headers }));
    expect(theirs).toHaveLength(2);
    expect(theirs).toContain(foreignCase);
  });

  it('lists only the cases an expert sits on, without amounts', async () => {
    const res = await h.app.inject({ url: '/cases', headers: experts[0]!.headers });
    expect(ids(res)).toEqual([panelCase]);
    expect(res.json().items[0]).not.toHaveProperty('approvedAmountFen');
    expect(ids(await h.app.inject({ url: '/cases', headers: outsider.headers }))).toEqual([]);
  });

  it('filters for staff by year, program, stage and overdue, and pages', async () => {
    const all = await h.app.inject({ url: `/cases?year=${h.year}`, headers: ops.headers });
    expect(ids(all)).toHaveLength(5);
    expect(ids(await h.app.inject({ url: `/cases?year=${h.year}&program=A8-SCENARIO-DISTRICT`, headers: ops.headers }))).toEqual([panelCase]);
    expect(ids(await h.app.inject({ url: `/cases?year=${h.year}&stage=public-notice`, headers: officer.headers }))).toEqual([foreignCase]);
    expect(ids(await h.app.inject({ url: `/cases?year=${h.year}&overdue=true`, headers: ops.headers }))).toEqual([reviewCase]);
    const first = await h.app.inject({ url: `/cases?year=${h.year}&limit=3`, headers: ops.headers });
    const second = await h.app.inject({ url: `/cases?year=${h.year}&limit=3&cursor=${first.json().nextCursor}`, headers: ops.headers });
    expect([...ids(first), ...ids(second)]).toEqual(ids(all));
    expect(second.json().nextCursor).toBeNull();
  });
});

describe('GET /cases/:caseId', () => {
  it('shows the applicant its own case with its own tasks and without staff names', async () => {
    const res = await h.app.inject({ url: `/cases/${reviewCase}`, headers: applicant.headers });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.openTasks.map((t: { kind: string }) => t.kind)).toEqual(['correction']);
    expect(detail.openTasks[0]).not.toHaveProperty('assignee');
    expect(detail.payments).toEqual([]);
  });

  it('answers 404 for another enterprise’s case, as for one that does not exist', async () => {
    const foreign = await h.app.inject({ url: `/cases/${foreignCase}`, headers: applicant.headers });
    const missing = await h.app.inject({ url: '/cases/no-such-case', headers: applicant.headers });
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().detail).toBe(`no case ${foreignCase}`);
  });

  it('shows staff every task with its assignee, and payments', async () => {
    const review = (await h.app.inject({ url: `/cases/${reviewCase}`, headers: officer.headers })).json();
    expect(review.openTasks.map((t: { kind: string }) => t.kind).sort()).toEqual(['correction', 'formal-review']);
    expect(review.openTasks.find((t: { kind: string }) => t.kind === 'formal-review').assignee).toBe(officer.actor.userId);
    const paid = (await h.app.inject({ url: `/cases/${paidCase}`, headers: finance.headers })).json();
    expect(paid.payments).toEqual([expect.objectContaining({ amountFen: 3_703_703, status: 'paid', reference: 'BANK-001' })]);
  });

  it('shows a seated expert the case without money, and no one else’s case', async () => {
    const res = await h.app.inject({ url: `/cases/${panelCase}`, headers: experts[2]!.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('payments');
    expect(res.json()).not.toHaveProperty('approvedAmountFen');
    expect((await h.app.inject({ url: `/cases/${reviewCase}`, headers: experts[2]!.headers })).statusCode).toBe(404);
  });
});

describe('GET /cases/:caseId/panel', () => {
  it('shows an expert its own scores and only the others’ statuses while open', async () => {
    const res = await h.app.inject({ url: `/cases/${panelCase}/panel`, headers: experts[0]!.headers });
    expect(res.json()).toEqual({
      caseId: panelCase,
      closed: false,
      seats: [
        { seat: 1, mine: true, expertId: experts[0]!.actor.userId, status: 'scored', scores: { influence: 15 }, totalPoints: 70 },
        { seat: 2, mine: false, status: 'scored' },
        { seat: 3, mine: false, status: 'accepted' },
      ],
    });
  });

  it('shows officers who sits, but no scores until the panel closes', async () => {
    const res = await h.app.inject({ url: `/cases/${panelCase}/panel`, headers: officer.headers });
    expect(res.json().seats[1]).toEqual({ seat: 2, mine: false, expertId: experts[1]!.actor.userId, status: 'scored' });
  });

  it('shows every score once the panel is closed', async () => {
    const closedCase = (await seedCase(h, ent, { program: 'A8-SCENARIO-DISTRICT', stage: 'committee' })).caseId;
    await seedSeat(h, closedCase, { expertId: experts[0]!.actor.userId, seat: 1, status: 'scored', scores: { influence: 10 }, totalPoints: 60, panelClosed: true });
    await seedSeat(h, closedCase, { expertId: experts[1]!.actor.userId, seat: 2, status: 'scored', scores: { influence: 12 }, totalPoints: 65, panelClosed: true });
    const byExpert = (await h.app.inject({ url: `/cases/${closedCase}/panel`, headers: experts[0]!.headers })).json();
    expect(byExpert.seats[1]).toEqual({ seat: 2, mine: false, status: 'scored', scores: { influence: 12 }, totalPoints: 65 });
    const byCommittee = (await h.app.inject({ url: `/cases/${closedCase}/panel`, headers: committee.headers })).json();
    expect(byCommittee.seats[1]).toMatchObject({ expertId: experts[1]!.actor.userId, totalPoints: 65 });
  });

  it('is hidden from an expert not on it and closed to applicants', async () => {
    expect((await h.app.inject({ url: `/cases/${panelCase}/panel`, headers: outsider.headers })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/cases/${panelCase}/panel`, headers: applicant.headers })).statusCode).toBe(403);
  });
});

describe('GET /cases/:caseId/timeline', () => {
  it('merges the audit log by time when Temporal has no history for the case', async () => {
    const caseId = (await seedCase(h, ent)).caseId;
    await h.database.db.insert(auditLog).values([
      { eventKey: uniqueId('ev'), caseId, actor: ent, action: 'application-submitted', detail: {}, at: new Date('2100-01-01T00:00:00Z') },
      { eventKey: uniqueId('ev'), caseId, actor: officer.actor.userId, action: 'task-decided', reason: '材料齐全', detail: { decision: 'accept' }, at: new Date('2100-01-02T00:00:00Z') },
    ]);
    const res = await h.app.inject({ url: `/cases/${caseId}/timeline`, headers: ops.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().workflowHistoryAvailable).toBe(false);
    expect(res.json().entries.map((e: { what: string }) => e.what)).toEqual(['application-submitted', 'task-decided']);
    expect(res.json().entries[1]).toMatchObject({ source: 'audit', actor: officer.actor.userId, reason: '材料齐全', summary: `task-decided by ${officer.actor.userId}: 材料齐全` });
  });
});

describe('GET /ops/totals', () => {
  it('sums reserved and paid money by program against the budget year’s budget', async () => {
    const res = await h.app.inject({ url: `/ops/totals?year=${h.year}`, headers: ops.headers });
    expect(res.statusCode).toBe(200);
    // Approved: reserved 3,703,703 + 1,000,000 (over budget) fen; the released 999 fen is left out.
    // Paid: the one confirmed payment of 3,703,703 fen; the instructed 1,000,000 is not paid yet.
    expect(res.json().items).toEqual([
      { year: h.year, program: 'A5-DATA-REGISTER', budgetFen: 10_000_000, approvedFen: 4_703_703, paidFen: 3_703_703, remainingBudgetFen: 5_296_297, overBudgetCount: 1, recoveredFen: 0, owedFen: 0 },
      { year: h.year, program: 'A8-SCENARIO-DISTRICT', budgetFen: 50_000_000, approvedFen: 0, paidFen: 0, remainingBudgetFen: 50_000_000, overBudgetCount: 0, recoveredFen: 0, owedFen: 0 },
    ]);
    expect(res.json().totals).toEqual({ budgetFen: 60_000_000, approvedFen: 4_703_703, paidFen: 3_703_703, overBudgetCount: 1, recoveredFen: 0, owedFen: 0 });
  });
});

describe('CSV exports', () => {
  it('exports the year’s payments for finance: BOM, Chinese headers, RFC 4180 quoting', async () => {
    const res = await h.app.inject({ url: `/exports/payments.csv?year=${h.year}`, headers: finance.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="payments-${h.year}.csv"`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('付款编号,案件编号,项目代码,项目名称,企业编号,企业名称,支持年度,款项,金额（元）,状态,尝试次数,银行流水号,结算时间,追回金额（元）,追回状态,退款流水号');
    const paidLine = lines.find((l) => l.startsWith(`${paidCase}:`));
    expect(paidLine).toContain('"北京""星辰"",智能 科技"');
    expect(paidLine).toContain(',37037.03,已支付,1,BANK-001,');
    const foreignLine = lines.find((l) => l.startsWith(`${foreignCase}:`));
    expect(foreignLine).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(lines.at(-1)).toBe('');
  });

  it('exports the approved list for the public notice, without rejected cases', async () => {
    const res = await h.app.inject({ url: `/exports/public-notice.csv?year=${h.year}`, headers: officer.headers });
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('序号,企业名称,支持项目,政策条款,案件编号,支持年度,拟支持金额（元）');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(expect.arrayContaining(['37037.03', '10000.00']));
    expect(res.body).not.toContain('9.99');
  });

  it('needs the year', async () => {
    const res = await h.app.inject({ url: '/exports/payments.csv', headers: finance.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('querystring.year');
  });
});

describe('withdrawal and objections: state checks', () => {
  it('refuses to withdraw a closed case, and hides another enterprise’s case', async () => {
    const closed = await h.app.inject({ method: 'POST', url: `/cases/${paidCase}/withdraw`, headers: applicant.headers, payload: { reason: '不再需要' } });
    expect(closed.statusCode).toBe(409);
    expect((await h.app.inject({ method: 'POST', url: `/cases/${foreignCase}/withdraw`, headers: applicant.headers })).statusCode).toBe(404);
  });

  it('takes objections only during the public notice, with grounds', async () => {
    const wrongStage = await h.app.inject({ method: 'POST', url: `/cases/${reviewCase}/objections`, headers: officer.headers, payload: { reason: '有异议' } });
    expect(wrongStage.statusCode).toBe(409);
    expect(wrongStage.json().detail).toContain('public notice');
    const noGrounds = await h.app.inject({ method: 'POST', url: `/cases/${foreignCase}/objections`, headers: ops.headers, payload: { reason: '  ' } });
    expect(noGrounds.json().errors).toEqual([{ field: 'body.reason', message: 'state the grounds of the objection' }]);
    // Seeded without a workflow: the case is not running.
    const notRunning = await h.app.inject({ method: 'POST', url: `/cases/${foreignCase}/objections`, headers: ops.headers, payload: { reason: '有异议' } });
    expect(notRunning.statusCode).toBe(409);
  });
});

describe('GET /ops/stuck-activities', () => {
  it('describes running cases and skips those Temporal does not know', async () => {
    const res = await h.app.inject({ url: '/ops/stuck-activities?days=1&limit=500', headers: ops.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().checkedCases).toBeGreaterThanOrEqual(3);
    expect(res.json().items.filter((i: { caseId: string }) => [reviewCase, panelCase, foreignCase].includes(i.caseId))).toEqual([]);
  });
});
