// Opening a task in the read model when the workflow task that opened it is retried:
// the retry's assignment and due date replace the first attempt's while the task is
// open; a decided task stays as it was decided.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRecordActivities } from '../../activities/task-records.js';
import type { DatabaseHandle } from '../../db/client.js';
import { auditLog, cases, tasks } from '../../db/schema.js';
import { openTestDatabase, uniqueId } from '../support/database.js';

let database: DatabaseHandle;
let records: ReturnType<typeof createTaskRecordActivities>;
let caseId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  records = createTaskRecordActivities(database.db);
  caseId = uniqueId('task-records-case');
  await database.db.insert(cases).values({
    id: caseId,
    workflowId: `case-${caseId}`,
    program: 'A6-PLATFORM',
    enterpriseId: 'task-records-ent',
    policyVersion: '2025-draft',
    noticeYear: 2031,
    submittedOn: '2031-06-15',
    stage: 'expert-evaluation',
    status: 'in-progress',
    requestedFacts: {},
  });
});
afterAll(async () => {
  await database?.close();
});

const seatTask = (taskId: string, assignee: string, dueAt: string) =>
  ({ taskId, caseId, kind: 'expert-conflict', stage: 'expert-evaluation', program: 'A6-PLATFORM', role: 'expert', assignee, dueAt }) as const;

describe('openTask', () => {
  it('keeps what the retried workflow task opened while the task is open', async () => {
    const taskId = `${caseId}:expert-conflict:2`;
    await records.openTask(seatTask(taskId, 'expert-a', '2031-07-01T00:00:00.000Z'));
    await records.openTask(seatTask(taskId, 'expert-b', '2031-07-01T00:00:01.500Z'));
    const [row] = await database.db.select().from(tasks).where(eq(tasks.id, taskId));
    expect(row).toMatchObject({ assignee: 'expert-b', status: 'open', kind: 'expert-conflict' });
    expect(row?.dueAt?.toISOString()).toBe('2031-07-01T00:00:01.500Z');
    const opened = await database.db.select().from(auditLog).where(eq(auditLog.eventKey, `${taskId}:opened`));
    expect(opened).toHaveLength(1);
  });

  it('leaves a task that was decided as it was', async () => {
    const taskId = `${caseId}:expert-conflict:3`;
    await records.openTask(seatTask(taskId, 'expert-c', '2031-07-01T00:00:00.000Z'));
    await records.closeTask({ taskId, caseId, status: 'done', actor: { userId: 'expert-c', role: 'expert' }, outcome: { hasConflict: false } });
    await records.openTask(seatTask(taskId, 'expert-d', '2031-08-01T00:00:00.000Z'));
    const [row] = await database.db.select().from(tasks).where(eq(tasks.id, taskId));
    expect(row).toMatchObject({ assignee: 'expert-c', status: 'done', closedBy: 'expert-c' });
    expect(row?.dueAt?.toISOString()).toBe('2031-07-01T00:00:00.000Z');
  });
});
