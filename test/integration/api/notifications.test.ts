// The notification feed on the real app and PostgreSQL: each person sees what names
// them, their role's pool and (applicants) their own enterprise's, never another's;
// read marks are per person; topics carry what the workspace words in zh and en; and
// the mail sender's "who gets this" agrees with the feed's "what may I see".
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipientOf } from '../../../db/notification-audience.js';
import { notifications, users } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { seedCase, seedNotice, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let officer: TestUser;
let otherOfficer: TestUser;
let supervisor: TestUser;
let expert: TestUser;
let applicantA: TestUser;
let applicantB: TestUser;
const ids: Record<string, number> = {};

interface FeedItem {
  id: number;
  topic: string;
  params: Record<string, string>;
  caseId: string | null;
  taskId: string | null;
  taskOpen: boolean;
  read: boolean;
}

async function notify(values: Omit<typeof notifications.$inferInsert, 'eventKey' | 'message'> & { message?: string }): Promise<number> {
  const [row] = await h.database.db
    .insert(notifications)
    .values({ eventKey: uniqueId('event'), message: 'as the case wrote it', ...values })
    .returning({ id: notifications.id });
  return row!.id;
}

const feed = async (who: TestUser, query = '') => {
  const res = await h.app.inject({ url: `/notifications${query}`, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: FeedItem[]; nextCursor: string | null };
};
const mine = async (who: TestUser) => (await feed(who, '?limit=200')).items.filter((i) => Object.values(ids).includes(i.id));
const unread = async (who: TestUser) => (await h.app.inject({ url: '/notifications/unread-count', headers: who.headers })).json() as { unread: number; capped: boolean };

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h);
  const db = h.database.db;
  const [entA, entB] = [await createTestEnterprise(db), await createTestEnterprise(db)];
  officer = await createTestUser(db, 'officer');
  otherOfficer = await createTestUser(db, 'officer');
  supervisor = await createTestUser(db, 'supervisor');
  expert = await createTestUser(db, 'expert');
  applicantA = await createTestUser(db, 'applicant', { enterpriseId: entA });
  applicantB = await createTestUser(db, 'applicant', { enterpriseId: entB });
  const caseA = (await seedCase(h, entA)).caseId;
  const caseB = (await seedCase(h, entB, { stage: 'closed', status: 'rejected' })).caseId;
  const review = await seedTask(h, caseA, { kind: 'formal-review', role: 'officer' });
  const correction = await seedTask(h, caseA, { kind: 'correction', role: 'applicant', stage: 'correction', dueAt: new Date('2030-07-01T15:59:59Z') });
  await h.database.db.execute(sql`update cases set closed_reason = '材料不全' where id = ${caseB}`);
  ids.pool = await notify({ caseId: caseA, taskId: review, recipientRole: 'officer', kind: 'reminder' });
  ids.named = await notify({ caseId: caseA, taskId: review, recipientRole: 'officer', recipientUser: officer.actor.userId, kind: 'reminder' });
  ids.escalation = await notify({ caseId: caseA, taskId: review, recipientRole: 'supervisor', kind: 'escalation' });
  ids.expert = await notify({ caseId: caseA, recipientRole: 'expert', recipientUser: expert.actor.userId, kind: 'reminder' });
  ids.correction = await notify({ caseId: caseA, taskId: correction, recipientRole: 'applicant', kind: 'task-opened' });
  // Closings name the enterprise in recipient_user, as the case writes them.
  ids.closedB = await notify({ caseId: caseB, recipientRole: 'applicant', recipientUser: entB, kind: 'case-rejected', message: `Case ${caseB} is rejected: 材料不全` });
});
afterAll(() => h.close());

describe('the notification feed', () => {
  it('shows each person what names them, their role’s pool, their enterprise’s; never another’s', async () => {
    expect((await mine(officer)).map((i) => i.id)).toEqual([ids.named, ids.pool]);
    expect((await mine(otherOfficer)).map((i) => i.id)).toEqual([ids.pool]);
    expect((await mine(supervisor)).map((i) => i.id)).toEqual([ids.escalation]);
    expect((await mine(expert)).map((i) => i.id)).toEqual([ids.expert]);
    expect((await mine(applicantA)).map((i) => i.id)).toEqual([ids.correction]);
    expect((await mine(applicantB)).map((i) => i.id)).toEqual([ids.closedB]);
    // Marking another enterprise's notification read is as if it did not exist.
    const foreign = await h.app.inject({ method: 'POST', url: `/notifications/${ids.closedB}/read`, headers: applicantA.headers });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
  });

  it('says what each is about, for the workspace to word in zh and en, and where it leads', async () => {
    const [named] = await mine(officer);
    expect(named).toMatchObject({ topic: 'task-overdue', params: { taskKind: 'formal-review' }, taskOpen: true });
    expect((await mine(supervisor))[0]).toMatchObject({ topic: 'task-escalated', params: { taskKind: 'formal-review' } });
    expect((await mine(applicantA))[0]).toMatchObject({ topic: 'task-opened', params: { taskKind: 'correction', dueAt: '2030-07-01T15:59:59.000Z' }, taskOpen: true });
    expect((await mine(applicantB))[0]).toMatchObject({ topic: 'case-closed', params: { status: 'rejected', reason: '材料不全' }, taskId: null });
  });

  it('marks read per person: a pool notification read by one officer is still unread for the other', async () => {
    const before = { officer: (await unread(officer)).unread, other: (await unread(otherOfficer)).unread };
    const marked = await h.app.inject({ method: 'POST', url: `/notifications/${ids.pool}/read`, headers: officer.headers });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ unread: before.officer - 1, capped: false });
    expect((await unread(otherOfficer)).unread).toBe(before.other);
    expect((await mine(officer)).find((i) => i.id === ids.pool)?.read).toBe(true);
    expect((await mine(otherOfficer)).find((i) => i.id === ids.pool)?.read).toBe(false);
    // Marking it again changes nothing.
    expect((await h.app.inject({ method: 'POST', url: `/notifications/${ids.pool}/read`, headers: officer.headers })).json()).toMatchObject({ unread: before.officer - 1 });
    const unreadOnly = (await feed(officer, '?unread=true&limit=200')).items.map((i) => i.id);
    expect(unreadOnly).toContain(ids.named);
    expect(unreadOnly).not.toContain(ids.pool);
  });

  it('marks all read up to the newest the reader saw; what came later stays unread', async () => {
    const newest = (await feed(otherOfficer, '?limit=1')).items[0]!.id;
    const later = await notify({ recipientRole: 'officer', kind: 'reminder' });
    const res = await h.app.inject({ method: 'POST', url: '/notifications/read', headers: otherOfficer.headers, payload: { upToId: newest } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unread: 1 });
    expect((await feed(otherOfficer, '?unread=true')).items.map((i) => i.id)).toEqual([later]);
    ids.later = later;
  });

  it('pages newest first with a keyset cursor', async () => {
    const first = await feed(officer, '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await feed(officer, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]!.id).toBeLessThan(first.items[0]!.id);
    const bad = await h.app.inject({ url: '/notifications?cursor=not-ours', headers: officer.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'querystring.cursor' })]);
  });

  it('mails each notification to exactly those who see it in their feed', async () => {
    const people = [officer, otherOfficer, supervisor, expert, applicantA, applicantB];
    const notificationIds = Object.values(ids);
    const mailed = await h.database.db
      .select({ userId: users.id, notificationId: notifications.id })
      .from(notifications)
      .innerJoin(users, recipientOf)
      .where(
        inArray(
          users.id,
          people.map((p) => p.actor.userId),
        ),
      );
    const mailedOfMine = mailed.filter((m) => notificationIds.includes(m.notificationId)).map((m) => `${m.userId}:${m.notificationId}`);
    const seen: string[] = [];
    for (const person of people) for (const item of await mine(person)) seen.push(`${person.actor.userId}:${item.id}`);
    expect(mailedOfMine.sort()).toEqual(seen.sort());
  });
});
