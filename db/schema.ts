// The read model. Workflows own the truth; activities project it here so the API
// can list and search quickly. Money is integer fen.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const createdAt = timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const fen = (name: string) => bigint(name, { mode: 'number' });

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    program: text('program').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    policyVersion: text('policy_version').notNull(),
    submittedOn: date('submitted_on').notNull(),
    stage: text('stage').notNull(),
    status: text('status').notNull(),
    supportYear: integer('support_year').notNull().default(1),
    requestedFacts: jsonb('requested_facts').notNull(),
    approvedAmountFen: fen('approved_amount_fen'),
    createdAt,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cases_program_stage_idx').on(t.program, t.stage), index('cases_enterprise_idx').on(t.enterpriseId)],
);

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind').notNull(),
    stage: text('stage').notNull(),
    program: text('program').notNull(),
    role: text('role').notNull(),
    assignee: text('assignee'),
    status: text('status').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt,
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    outcome: jsonb('outcome'),
  },
  (t) => [
    index('tasks_open_inbox_idx').on(t.role, t.dueAt).where(sql`${t.status} = 'open'`),
    index('tasks_open_assignee_idx').on(t.assignee, t.dueAt).where(sql`${t.status} = 'open'`),
    index('tasks_case_idx').on(t.caseId),
  ],
);

// One row per payment instruction. The unique key (case, year, component) is what
// makes a retried or replayed disbursement activity unable to pay twice.
export const payments = pgTable(
  'payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentKey: text('payment_key').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    program: text('program').notNull(),
    supportYear: integer('support_year').notNull(),
    component: text('component').notNull(),
    amountFen: fen('amount_fen').notNull(),
    status: text('status').notNull(),
    createdAt,
    settledAt: timestamp('settled_at', { withTimezone: true }),
    settledBy: text('settled_by'),
  },
  (t) => [uniqueIndex('payments_key_uq').on(t.paymentKey), index('payments_case_idx').on(t.caseId)],
);

// Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. The event key
// makes an activity retry write its entry once.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventKey: text('event_key').notNull(),
    caseId: text('case_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    reason: text('reason'),
    detail: jsonb('detail'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('audit_log_event_key_uq').on(t.eventKey), index('audit_log_case_idx').on(t.caseId, t.at)],
);
