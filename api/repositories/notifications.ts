// The notification feed: what the cases told the signed-in person, their role's pool
// or their enterprise, newest first, with each person's own read marks.
import { and, desc, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/audit-owner.js';
import type { Database } from '../../db/client.js';
import { audienceOf } from '../../db/notification-audience.js';
import { cases, notificationReads, notifications, tasks } from '../../db/schema.js';
import type { Actor, TaskKind } from '../../domain/vocabulary.js';

const readByMe = (reader: Actor) => and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, reader.userId));
const unreadBy = (reader: Actor) => sql`not exists (select 1 from ${notificationReads} where ${readByMe(reader)})`;

export interface FeedRow {
  id: number;
  kind: string;
  message: string;
  caseId: string | null;
  taskId: string | null;
  createdAt: Date;
  taskKind: TaskKind | null;
  taskStatus: string | null;
  taskDueAt: Date | null;
  taskOutcome: unknown;
  program: string | null;
  caseStatus: string | null;
  caseClosedReason: string | null;
  read: boolean;
}

export async function feedOf(db: Database, reader: Actor, page: { limit: number; beforeId?: number | undefined; unreadOnly: boolean }): Promise<FeedRow[]> {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      message: notifications.message,
      caseId: notifications.caseId,
      taskId: notifications.taskId,
      createdAt: notifications.createdAt,
      taskKind: tasks.kind,
      taskStatus: tasks.status,
      taskDueAt: tasks.dueAt,
      taskOutcome: tasks.outcome,
      program: cases.program,
      caseStatus: cases.status,
      caseClosedReason: cases.closedReason,
      read: sql<boolean>`${notificationReads.userId} is not null`,
    })
    .from(notifications)
    .leftJoin(tasks, eq(tasks.id, notifications.taskId))
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(notificationReads, readByMe(reader))
    .where(and(audienceOf(reader), page.beforeId !== undefined ? lt(notifications.id, page.beforeId) : undefined, page.unreadOnly ? isNull(notificationReads.userId) : undefined))
    .orderBy(desc(notifications.id))
    .limit(page.limit + 1);
}

/** Counting stops here: the bell shows "999+" beyond it, and the count stays one short index walk. */
export const UNREAD_COUNT_CAP = 999;

export async function unreadCountOf(db: Database, reader: Actor): Promise<number> {
  const unread = db
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(audienceOf(reader), unreadBy(reader)))
    .limit(UNREAD_COUNT_CAP + 1)
    .as('unread');
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(unread);
  return row?.count ?? 0;
}

/** Marks one notification read for this person; false when it is not theirs to see. */
export async function markRead(db: Database, reader: Actor, notificationId: number): Promise<boolean> {
  const [visible] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), audienceOf(reader)))
    .limit(1);
  if (!visible) return false;
  await db.insert(notificationReads).values({ userId: reader.userId, notificationId }).onConflictDoNothing();
  return true;
}

/**
 * Marks read everything this person can see up to `upToId` (the newest the page
 * showed, so what arrived since stays unread), or everything when absent.
 */
export async function markAllRead(db: Database, reader: Actor, upToId?: number): Promise<number> {
  const result = await db.execute(sql`
    insert into ${notificationReads} (user_id, notification_id)
    select ${reader.userId}, ${notifications.id} from ${notifications}
    where ${and(audienceOf(reader), unreadBy(reader), upToId !== undefined ? lte(notifications.id, upToId) : undefined)}
    on conflict do nothing
    returning notification_id`);
  return rowsOf(result).length;
}
