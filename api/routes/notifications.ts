// The notification feed (any signed-in person): what the cases told me, my role's pool
// or my enterprise; an unread count for the workspace's bell; marks read per person.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeNotification, NotificationTopic } from '../../domain/notification-topics.js';
import { anyUser } from '../access.js';
import { actorOf } from '../auth.js';
import { decodeCursor, keysetPage, pageQuery } from '../cursor.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { feedOf, markAllRead, markRead, UNREAD_COUNT_CAP, unreadCountOf } from '../repositories/notifications.js';
import type { FeedRow } from '../repositories/notifications.js';

const notificationId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const notificationView = z.object({
  id: z.number().int(),
  topic: z.enum(Object.values(NotificationTopic) as [NotificationTopic, ...NotificationTopic[]]).describe('what it is about; the workspace words each topic in zh and en from `params`'),
  params: z.object({ taskKind: z.string().optional(), dueAt: z.string().optional(), status: z.string().optional(), reason: z.string().optional(), amountFen: z.number().int().optional() }),
  kind: z.string().describe('as the case wrote it: reminder, escalation, task-opened, approved, case-<status>'),
  message: z.string().describe('the English text the case wrote'),
  caseId: z.string().nullable(),
  taskId: z.string().nullable(),
  taskOpen: z.boolean().describe('the task is still open: link to it, else to the case'),
  program: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

const unreadCount = z.object({
  unread: z.number().int().describe(`unread notifications, counted up to ${UNREAD_COUNT_CAP + 1}`),
  capped: z.boolean().describe(`true: more than ${UNREAD_COUNT_CAP}`),
});

const toView = (row: FeedRow): z.infer<typeof notificationView> => ({
  id: row.id,
  ...describeNotification({
    kind: row.kind,
    taskKind: row.taskKind,
    taskDueAt: row.taskDueAt?.toISOString() ?? null,
    taskOutcome: row.taskOutcome,
    caseStatus: row.caseStatus,
    caseClosedReason: row.caseClosedReason,
  }),
  kind: row.kind,
  message: row.message,
  caseId: row.caseId,
  taskId: row.taskId,
  taskOpen: row.taskStatus === 'open',
  program: row.program,
  createdAt: row.createdAt.toISOString(),
  read: row.read,
});

const feedCursor = z.tuple([z.number().int().min(1)]);

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const counted = async (request: Parameters<typeof actorOf>[0]) => {
    const unread = await unreadCountOf(db, actorOf(request));
    return { unread, capped: unread > UNREAD_COUNT_CAP };
  };

  app.get(
    '/notifications',
    {
      config: anyUser,
      schema: {
        summary: 'My notifications, newest first: to me, to my role’s pool, to my enterprise (applicants)',
        tags: ['notifications'],
        querystring: z.object({ ...pageQuery, unread: z.enum(['true', 'false']).optional().describe('true: only those I have not read') }),
        response: { 200: z.object({ items: z.array(notificationView), nextCursor: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, unread } = request.query;
      const before = decodeCursor(cursor, feedCursor);
      const rows = await feedOf(db, actorOf(request), { limit, beforeId: before?.[0], unreadOnly: unread === 'true' });
      return keysetPage(rows, limit, (row) => [row.id], toView);
    },
  );

  app.get(
    '/notifications/unread-count',
    { config: anyUser, schema: { summary: 'How many of my notifications I have not read (the bell)', tags: ['notifications'], response: { 200: unreadCount, ...problemResponses } } },
    async (request) => counted(request),
  );

  app.post(
    '/notifications/:notificationId/read',
    {
      config: anyUser,
      schema: {
        summary: 'Mark one of my notifications read (for me alone: others of my role still see it unread)',
        tags: ['notifications'],
        params: z.object({ notificationId }),
        response: { 200: unreadCount, ...problemResponses },
      },
    },
    async (request) => {
      if (!(await markRead(db, actorOf(request), request.params.notificationId))) throw new HttpProblem(404, `no notification ${request.params.notificationId} for you`);
      return counted(request);
    },
  );

  app.post(
    '/notifications/read',
    {
      config: anyUser,
      schema: {
        summary: 'Mark all my notifications read, up to the newest I have seen',
        tags: ['notifications'],
        body: z.strictObject({ upToId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('the newest notification the reader saw; later ones stay unread (default: all)') }),
        response: { 200: unreadCount.extend({ marked: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => {
      const marked = await markAllRead(db, actorOf(request), request.body.upToId);
      return { marked, ...(await counted(request)) };
    },
  );
};
