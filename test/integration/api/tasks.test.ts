// The inbox over task rows seeded in the read model, and the checks a decision,
// a claim or a release passes before anything is sent to a case: 404 for a task the
// caller cannot see, 403 for one that is not theirs, 409 when it is not open, 400
// naming each bad field of the kind's body.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { SEEDED_CASE_PREFIX, seedCase, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let officer: TestUser;
let otherOfficer: TestUser;
let expert: TestUser;
let otherExpert: TestUser;
let applicant: TestUser;
let foreignApplicant: TestUser;
let committee: TestUser;
// A program no other test file seeds tasks for, so the officer inbox here is ours alone.
const program = 'A8-SCENARIO-DISTRICT';

beforeAll(async () => {
  h = await startHarness();
  // Open tasks this file seeded in earlier runs would share the officers' inbox.
  await h.database.db.delete(tasks).where(and(eq(tasks.program, program), like(tasks.caseId, `${SEEDED_CASE_PREFIX}%`)));
  const ent = await createTestEnterprise(h.database.db);
  const foreign = await createTestEnterprise(h.database.db);
  officer = await createTestUser(h.database.db, 'officer');
  otherOfficer = await createTestUser(h.database.db, 'officer');
  expert = await createTestUser(h.database.db, 'expert');
  otherExpert = await createTestUser(h.database.db, 'expert');
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: ent });
  foreignApplicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: foreign });
  committee = await createTestUser(h.database.db, 'committee');
});
afterAll(async () => {
  await h?.close();
});

type Item = { taskId: string; dueAt: string | null; assignee?: string | null };
async function inboxOf(user: TestUser, query = ''): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await h.app.inject({ url: `/tasks?program=${program}${query}`, headers: user.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /tasks (inbox)', () => {
  let ids: { soon: string; later: string; undated: string; claimedByMe: string; closed: string; expertMine: string; expertTheirs: string; correction: string; foreignCorrection: string };

  beforeAll(async () => {
    const ent = applicant.actor.enterpriseId!;
    const { caseId } = await seedCase(h, ent, { program });
    const { caseId: foreignCase } = await seedCase(h, foreignApplicant.actor.enterpriseId!, { program });
    const now = Date.now();
    ids = {
      later: await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, dueAt: new Date(now + 5 * 86_400_000) }),
      soon: await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, dueAt: new Date(now + 86_400_000) }),
      undated: await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, dueAt: null }),
      claimedByMe: await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, assignee: officer.actor.userId, dueAt: new Date(now + 3 * 86_400_000) }),
      closed: await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, status: 'done' }),
      expertMine: await seedTask(h, caseId, { kind: 'expert-scoring', role: 'expert', stage: 'expert-evaluation', program, assignee: expert.actor.userId }),
      expertTheirs: await seedTask(h, caseId, { kind: 'expert-scoring', role: 'expert', stage: 'expert-evaluation', program, assignee: otherExpert.actor.userId }),
      correction: await seedTask(h, caseId, { kind: 'correction', role: 'applicant', stage: 'correction', program }),
      foreignCorrection: await seedTask(h, foreignCase, { kind: 'correction', role: 'applicant', stage: 'correction', program }),
    };
  });

  it('lists open tasks for my role, soonest due first, undated last', async () => {
    const { items } = await inboxOf(officer);
    expect(items.map((t) => t.taskId)).toEqual([ids.soon, ids.claimedByMe, ids.later, ids.undated]);
    expect(items[1]?.assignee).toBe(officer.actor.userId);
  });

  it('pages with a cursor, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await inboxOf(officer, `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((t) => t.taskId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.soon, ids.claimedByMe, ids.later, ids.undated]);
  });

  it('filters by stage, kind and due date', async () => {
    const dueBefore = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await inboxOf(officer, `&dueBefore=${encodeURIComponent(dueBefore)}`)).items.map((t) => t.taskId)).toEqual([ids.soon]);
    expect((await inboxOf(officer, '&stage=committee')).items).toEqual([]);
    expect((await inboxOf(officer, '&kind=formal-review')).items).toHaveLength(4);
  });

  it('shows an expert only the tasks drawn for it', async () => {
    expect((await inboxOf(expert)).items.map((t) => t.taskId)).toEqual([ids.expertMine]);
    expect((await inboxOf(otherExpert)).items.map((t) => t.taskId)).toEqual([ids.expertTheirs]);
  });

  it('shows an applicant only its enterprise’s tasks, without staff names', async () => {
    const mine = await inboxOf(applicant);
    expect(mine.items.map((t) => t.taskId)).toEqual([ids.correction]);
    expect(mine.items[0]).not.toHaveProperty('assignee');
    expect((await inboxOf(foreignApplicant)).items.map((t) => t.taskId)).toEqual([ids.foreignCorrection]);
  });

  it('shows a task assigned to me even when it is for another role', async () => {
    const { caseId } = await seedCase(h, applicant.actor.enterpriseId!, { program });
    const delegated = await seedTask(h, caseId, { kind: 'committee-decision', role: 'committee', stage: 'committee', program, assignee: otherOfficer.actor.userId });
    expect((await inboxOf(otherOfficer)).items.map((t) => t.taskId)).toContain(delegated);
    expect((await inboxOf(committee)).items.map((t) => t.taskId)).toContain(delegated);
  });

  it('names bad filters and refuses a forged cursor', async () => {
    const res = await h.app.inject({ url: '/tasks?limit=0&stage=nowhere&dueBefore=tomorrow', headers: officer.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['querystring.limit', 'querystring.stage', 'querystring.dueBefore']));
    const forged = await h.app.inject({ url: '/tasks?cursor=bm9wZQ', headers: officer.headers });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].field).toBe('querystring.cursor');
  });
});

describe('POST /tasks/:taskId/decision, claim and release: checks before the case', () => {
  let caseId: string;
  beforeAll(async () => {
    ({ caseId } = await seedCase(h, applicant.actor.enterpriseId!, { program }));
  });

  const decide = (user: TestUser, taskId: string, payload: unknown) =>
    h.app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(taskId)}/decision`, headers: user.headers, payload: payload as object });

  it('404 for an unknown task, or one the caller may not see', async () => {
    expect((await decide(officer, 'no-such-task', { decision: 'accept' })).statusCode).toBe(404);
    const correction = await seedTask(h, caseId, { kind: 'correction', role: 'applicant', stage: 'correction', program });
    expect((await decide(foreignApplicant, correction, { note: 'x' })).statusCode).toBe(404);
    const scoring = await seedTask(h, caseId, { kind: 'expert-scoring', role: 'expert', stage: 'expert-evaluation', program, assignee: otherExpert.actor.userId });
    expect((await decide(expert, scoring, { scores: {} })).statusCode).toBe(404);
  });

  it('403 for a task of another role or claimed by another', async () => {
    const review = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program });
    const byCommittee = await decide(committee, review, { decision: 'accept' });
    expect(byCommittee.statusCode).toBe(403);
    expect(byCommittee.json().detail).toContain('officer');
    expect((await decide(applicant, review, { decision: 'accept' })).statusCode).toBe(403);
    const claimed = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, assignee: otherOfficer.actor.userId });
    expect((await decide(officer, claimed, { decision: 'accept' })).statusCode).toBe(403);
  });

  it('409 for a task that is no longer open', async () => {
    const done = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, status: 'done' });
    const res = await decide(officer, done, { decision: 'accept' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('no longer open');
  });

  it('400 naming each bad field of the kind’s body, and fields the caller may not set', async () => {
    const review = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program });
    const bad = await decide(officer, review, { decision: 'reject', actor: { userId: 'someone', role: 'officer' }, taskId: 'other' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'body.reason', message: 'is required to reject' },
        { field: 'body.actor', message: 'is not a field of this decision' },
        { field: 'body.taskId', message: 'is not a field of this decision' },
      ]),
    );
    const committeeTask = await seedTask(h, caseId, { kind: 'committee-decision', role: 'committee', stage: 'committee', program });
    const noAmount = await decide(committee, committeeTask, { decision: 'approve' });
    expect(noAmount.json().errors).toEqual([{ field: 'body.amountFen', message: 'is required to approve' }]);
  });

  it('400 naming each criterion an expert’s score sheet misses, exceeds or invents', async () => {
    const scoring = await seedTask(h, caseId, { kind: 'expert-scoring', role: 'expert', stage: 'expert-evaluation', program, assignee: expert.actor.userId });
    const res = await decide(expert, scoring, { scores: { feasibility: 999, charisma: 5 } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('body.scores.charisma');
    expect(fields.length).toBeGreaterThanOrEqual(2);
  });

  it('claim: 409 when another holds it; release: 409 when I do not', async () => {
    const claimed = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program, assignee: otherOfficer.actor.userId });
    expect((await h.app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(claimed)}/claim`, headers: officer.headers })).statusCode).toBe(409);
    const free = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', program });
    expect((await h.app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(free)}/release`, headers: officer.headers })).statusCode).toBe(409);
    expect((await h.app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(free)}/claim`, headers: committee.headers })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(free)}/claim`, headers: expert.headers })).statusCode).toBe(403);
  });
});
