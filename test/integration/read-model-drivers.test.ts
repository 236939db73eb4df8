// The read model's hand-tuned paths on both drivers the system runs on: real
// PostgreSQL (postgres.js) and embedded PGlite (the main job's default). The inbox
// reads the driver's rows without drizzle's decoding, and user standings are
// forgotten on PostgreSQL's user_changed notifications: both must behave the same.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox } from '../../api/repositories/tasks.js';
import { rememberStandingsOf } from '../../api/user-standings.js';
import { migrateDatabase, openDatabase } from '../../db/client.js';
import type { DatabaseHandle } from '../../db/client.js';
import { cases, mailSettings, notifications, tasks, users } from '../../db/schema.js';
import { claimDeliveries } from '../../mail/deliveries.js';
import { fanOut } from '../../mail/fan-out.js';
import { feedOf, markAllRead, unreadCountOf } from '../../api/repositories/notifications.js';
import { openTestDatabase, uniqueId } from '../support/database.js';
import type { Role } from '../../domain/vocabulary.js';
import type { ProgramCode } from '../../rules/index.js';

const drivers: [string, () => Promise<DatabaseHandle>][] = [
  ['PostgreSQL', openTestDatabase],
  ['PGlite', () => openDatabase({ pgliteDataDir: 'memory://' })],
];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(drivers)('read model on %s', (_name, open) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await open();
    await migrateDatabase(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('lists the inbox soonest due first, undated last, with ISO date-times and a working keyset', async () => {
    const caseId = uniqueId('drivers-case');
    // A program of its own, so rows other test files left in PostgreSQL stay out.
    const program: ProgramCode = 'A10-OPERATOR';
    const officer = uniqueId('drivers-officer');
    await database.db.insert(cases).values({
      id: caseId,
      workflowId: `case-${caseId}`,
      program,
      enterpriseId: 'drivers-ent',
      policyVersion: '2025-draft',
      noticeYear: 2031,
      submittedOn: '2031-06-15',
      stage: 'formal-review',
      status: 'in-progress',
      requestedFacts: {},
    });
    const due = {
      late: new Date('2031-07-01T08:00:00.250Z'),
      soon: new Date('2031-06-20T00:00:00.000Z'),
      mine: new Date('2031-06-25T23:59:59.999Z'),
    };
    const rows = [
      { id: `${caseId}:late`, role: 'officer', assignee: null, dueAt: due.late },
      { id: `${caseId}:undated`, role: 'officer', assignee: null, dueAt: null },
      { id: `${caseId}:soon`, role: 'officer', assignee: null, dueAt: due.soon },
      // Delegated to this officer from the committee's pool: shown through the second branch.
      { id: `${caseId}:mine`, role: 'committee', assignee: officer, dueAt: due.mine },
      { id: `${caseId}:someone-elses`, role: 'committee', assignee: 'another', dueAt: due.soon },
    ] satisfies { id: string; role: Role; assignee: string | null; dueAt: Date | null }[];
    await database.db.insert(tasks).values(rows.map((r) => ({ ...r, caseId, kind: 'formal-review' as const, stage: 'formal-review' as const, program, status: 'open' as const })));

    const actor = { userId: officer, role: 'officer' as const };
    const all = (await inbox(database.db, actor, { program, limit: 100 })).filter((t) => t.caseId === caseId);
    expect(all.map((t) => t.id.split(':').at(-1))).toEqual(['soon', 'mine', 'late', 'undated']);
    expect(all.map((t) => t.dueAt)).toEqual([due.soon.toISOString(), due.mine.toISOString(), due.late.toISOString(), null]);
    for (const t of all) expect(new Date(t.createdAt).toISOString()).toBe(t.createdAt);
    expect(all[1]).toMatchObject({ role: 'committee', assignee: officer, escalation: 0, kind: 'formal-review', stage: 'formal-review', program });

    // Page by page through the keyset: the same tasks in the same order.
    const paged: string[] = [];
    let after: { dueKey: string | null; id: string } | undefined;
    for (let page = 0; page < 1_000; page += 1) {
      const [next, more] = await inbox(database.db, actor, { program, limit: 2, ...(after && { after }) });
      if (!next) break;
      paged.push(next.id);
      after = { dueKey: next.dueKey, id: next.id };
      if (!more) break;
    }
    expect(paged.filter((id) => id.startsWith(caseId))).toEqual(all.map((t) => t.id));
  });

  it('forgets a remembered user when the user is changed in the database', async () => {
    const userId = uniqueId('drivers-user');
    await database.db.insert(users).values({ id: userId, name: 'Driver test', role: 'finance' });
    const standings = await rememberStandingsOf(database);
    try {
      expect(await standings.find(userId)).toEqual({ active: true, role: 'finance', enterpriseId: null });
      // As another process would (the admin command): straight to the table.
      await database.db.update(users).set({ active: false }).where(eq(users.id, userId));
      const seen = await until(() => standings.find(userId), (s) => s?.active === false);
      expect(seen?.active).toBe(false);
    } finally {
      await standings.close();
    }
  });

  it('feeds, counts and marks notifications read, and the mail sender fans them out and claims them', async () => {
    const expert = uniqueId('drivers-notified');
    // An expert sees only what names it: other files' pool notifications stay out of the count.
    await database.db.insert(users).values({ id: expert, name: expert, role: 'expert', email: `${expert}@drivers.test` });
    const reader = { userId: expert, role: 'expert' as const };
    const [named] = await database.db
      .insert(notifications)
      .values({ eventKey: uniqueId('drivers-event'), recipientRole: 'expert', recipientUser: expert, kind: 'reminder', message: 'named' })
      .returning({ id: notifications.id });
    expect((await feedOf(database.db, reader, { limit: 10, unreadOnly: true })).map((n) => n.id)).toEqual([named!.id]);
    expect(await unreadCountOf(database.db, reader)).toBe(1);
    expect(await markAllRead(database.db, reader)).toBe(1);
    expect(await unreadCountOf(database.db, reader)).toBe(0);

    // SMTP on from now: the next notification becomes one delivery, claimed once under a lease.
    await database.db.delete(mailSettings);
    await database.db.insert(mailSettings).values({ id: 1, enabled: true, host: '127.0.0.1', port: 25, secure: false, fromAddress: 'office@drivers.test', enabledAt: new Date(), updatedBy: 'test' });
    const [mailed] = await database.db
      .insert(notifications)
      .values({ eventKey: uniqueId('drivers-event'), recipientRole: 'expert', recipientUser: expert, kind: 'reminder', message: 'mailed' })
      .returning({ id: notifications.id });
    while ((await fanOut(database.db)) > 0);
    const claimed = (await claimDeliveries(database.db, { batch: 100, leaseSeconds: 60 })).filter((d) => d.notificationId === mailed!.id);
    expect(claimed).toEqual([expect.objectContaining({ userId: expert, status: 'sending', attempts: 1, toAddress: `${expert}@drivers.test` })]);
    expect((await claimDeliveries(database.db, { batch: 100, leaseSeconds: 60 })).filter((d) => d.notificationId === mailed!.id)).toEqual([]);
    await database.db.delete(mailSettings);
  });
});
