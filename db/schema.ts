// The read model. Workflows own the truth; activities project it here so the API
// can list and search quickly. Money is integer fen. One module, every table.
// Enum-like text columns carry their vocabulary type ($type: no database change).
import { sql } from 'drizzle-orm';
import type { ProgramCode } from '../rules/index.js';
import type { CaseStatus, Role, Stage, TaskKind } from '../domain/vocabulary.js';
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A task in the read model: open until the case closes it one of these ways. */
export type TaskStatus = 'open' | 'done' | 'expired' | 'cancelled';

const createdAt = timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const fen = (name: string) => bigint(name, { mode: 'number' });

/** People who use the system; experts carry their organisation, specialties and declared relations. */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  enterpriseId: text('enterprise_id'),
  organisation: text('organisation'),
  specialties: text('specialties').array().notNull().default(sql`'{}'::text[]`),
  /** Enterprises an expert has declared a relation with (conflicts of interest). */
  relatedEnterpriseIds: text('related_enterprise_ids').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  /** scrypt$N$r$p$salt$hash (base64); null: no password set, the user signs in with tokens only. */
  passwordHash: text('password_hash'),
  /** Set by the admin's initial password or reset: the next sign-in must choose a new one. */
  passwordMustChange: boolean('password_must_change').notNull().default(false),
  /** Failed sign-ins since the last success; at the limit the account is locked for a while. */
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** Where the office's e-mail reaches the person, when the administrator has set up SMTP. */
  email: text('email'),
  createdAt,
});

/**
 * A person signed in to the workspace: the cookie carries a random id whose SHA-256 is
 * stored here, never the id itself. The role and enterprise at sign-in are checked
 * against the user's standing on every request, as a token's are.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    enterpriseId: text('enterprise_id'),
    /** Sent back in X-CSRF-Token on every state-changing request made with the cookie. */
    csrfToken: text('csrf_token').notNull(),
    createdAt,
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const enterprises = pgTable('enterprises', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Group or parent organisation: an expert of the same organisation has a conflict. */
  organisation: text('organisation').notNull(),
  registeredInDistrict: boolean('registered_in_district').notNull().default(true),
  blacklisted: boolean('blacklisted').notNull().default(false),
  createdAt,
});

/** 第十三条: programs open in a year, their windows, budgets and the durations of each step. */
export const annualNotices = pgTable('annual_notices', {
  year: integer('year').primaryKey(),
  applicationOpensOn: date('application_opens_on').notNull(),
  applicationClosesOn: date('application_closes_on').notNull(),
  reportingOpensOn: date('reporting_opens_on').notNull(),
  reportingClosesOn: date('reporting_closes_on').notNull(),
  /** { [programCode]: { budgetFen } } for each program open this year. */
  programs: jsonb('programs').notNull(),
  /** Durations ("10 days", "30s") and panel size for cases under this notice. */
  settings: jsonb('settings').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt,
});

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    program: text('program').$type<ProgramCode>().notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    policyVersion: text('policy_version').notNull(),
    noticeYear: integer('notice_year').notNull(),
    submittedOn: date('submitted_on').notNull(),
    stage: text('stage').$type<Stage>().notNull(),
    status: text('status').$type<CaseStatus>().notNull(),
    supportYear: integer('support_year').notNull().default(1),
    requestedFacts: jsonb('requested_facts').notNull(),
    /** The recognitions the application stated (the policy preview re-evaluates with them); null for cases recorded before they were kept. */
    qualifications: text('qualifications').array(),
    evidence: jsonb('evidence').notNull().default(sql`'[]'::jsonb`),
    maximumAmountFen: fen('maximum_amount_fen'),
    approvedAmountFen: fen('approved_amount_fen'),
    closedReason: text('closed_reason'),
    createdAt,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_program_stage_idx').on(t.program, t.stage),
    index('cases_enterprise_idx').on(t.enterpriseId),
    index('cases_year_idx').on(t.noticeYear),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind').$type<TaskKind>().notNull(),
    stage: text('stage').$type<Stage>().notNull(),
    program: text('program').$type<ProgramCode>().notNull(),
    role: text('role').$type<Role>().notNull(),
    assignee: text('assignee'),
    /** What the task is about where a case has several: a payment key, for instance. */
    subject: text('subject'),
    status: text('status').$type<TaskStatus>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** 0 on time, 1 reminded, 2 escalated to the program's supervisor. */
    escalation: integer('escalation').notNull().default(0),
    createdAt,
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    outcome: jsonb('outcome'),
  },
  (t) => [
    index('tasks_open_role_idx').on(t.role, t.dueAt, t.id).where(sql`${t.status} = 'open'`),
    // The inbox filtered by program (the common view of a program officer).
    index('tasks_open_role_program_idx').on(t.role, t.program, t.dueAt, t.id).where(sql`${t.status} = 'open'`),
    index('tasks_open_assignee_idx').on(t.assignee, t.dueAt, t.id).where(sql`${t.status} = 'open'`),
    index('tasks_case_idx').on(t.caseId),
  ],
);

/** The expert panel of a case; scores stay hidden from other experts until the panel closes. */
export const panelSeats = pgTable(
  'panel_seats',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    expertId: text('expert_id').notNull(),
    seat: integer('seat').notNull(),
    status: text('status').notNull(),
    scores: jsonb('scores'),
    totalPoints: integer('total_points'),
    panelClosed: boolean('panel_closed').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.expertId] }), index('panel_seats_expert_idx').on(t.expertId)],
);

// One row per payment instruction. The unique key (case, support year, component) is
// what makes a retried or replayed disbursement activity unable to pay twice.
export const payments = pgTable(
  'payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentKey: text('payment_key').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    program: text('program').notNull(),
    noticeYear: integer('notice_year').notNull(),
    supportYear: integer('support_year').notNull(),
    component: text('component').notNull(),
    amountFen: fen('amount_fen').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(1),
    reference: text('reference'),
    failureReason: text('failure_reason'),
    createdAt,
    settledAt: timestamp('settled_at', { withTimezone: true }),
    settledBy: text('settled_by'),
  },
  (t) => [uniqueIndex('payments_key_uq').on(t.paymentKey), index('payments_case_idx').on(t.caseId)],
);

/**
 * Each approval draws on a program's budget for a year (annual_notices.programs).
 * One reservation per case and support year; an approval over the budget records why.
 */
export const budgetReservations = pgTable(
  'budget_reservations',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    supportYear: integer('support_year').notNull(),
    program: text('program').notNull(),
    budgetYear: integer('budget_year').notNull(),
    amountFen: fen('amount_fen').notNull(),
    overBudgetReason: text('over_budget_reason'),
    /** reserved: approved; released: revoked or withdrawn before payment. */
    status: text('status').notNull(),
    createdAt,
  },
  (t) => [primaryKey({ columns: [t.caseId, t.supportYear] }), index('budget_reservations_program_year_idx').on(t.program, t.budgetYear)],
);

/** The yearly re-verification of a multi-year award: the report and its verification. */
export const yearlyReports = pgTable(
  'yearly_reports',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    supportYear: integer('support_year').notNull(),
    /** requested, submitted, verified, failed, missed. */
    status: text('status').notNull(),
    dueOn: date('due_on').notNull(),
    facts: jsonb('facts'),
    verifiedFacts: jsonb('verified_facts'),
    reason: text('reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    verifiedBy: text('verified_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.supportYear] })],
);

/** 追回: what a revoked award must repay, one row per year and component paid. */
export const recoveries = pgTable(
  'recoveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recoveryKey: text('recovery_key').notNull(),
    caseId: text('case_id').notNull().references(() => cases.id),
    supportYear: integer('support_year').notNull(),
    component: text('component').notNull(),
    amountFen: fen('amount_fen').notNull(),
    grounds: text('grounds').notNull(),
    /** open until finance confirms the repayment. */
    status: text('status').notNull(),
    reference: text('reference'),
    createdAt,
    settledAt: timestamp('settled_at', { withTimezone: true }),
    settledBy: text('settled_by'),
  },
  (t) => [uniqueIndex('recoveries_key_uq').on(t.recoveryKey), index('recoveries_case_idx').on(t.caseId)],
);

/** An inbox filter a person saved under a name (the workspace's saved views). */
export const savedViews = pgTable(
  'saved_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    /** The inbox query: program, stage, kind, caseId, dueBefore, overdue, sort. */
    filters: jsonb('filters').notNull(),
    createdAt,
  },
  (t) => [uniqueIndex('saved_views_user_name_uq').on(t.userId, t.name)],
);

/**
 * Reminders, escalations, requests and closings the cases send to people; the event
 * key sends each once. Addressed to a person (recipient_user), to a role's pool
 * (recipient_role alone), or for applicants to the case's enterprise.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventKey: text('event_key').notNull(),
    caseId: text('case_id'),
    taskId: text('task_id'),
    recipientRole: text('recipient_role'),
    recipientUser: text('recipient_user'),
    kind: text('kind').notNull(),
    /** The English text the case wrote; the feed shows each kind in zh and en from its columns (api/notification-topics.ts). */
    message: text('message').notNull(),
    createdAt,
    /** When the mail sender turned it into deliveries (or passed it over: written before SMTP was on). */
    mailFannedOutAt: timestamp('mail_fanned_out_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_event_key_uq').on(t.eventKey),
    // The feed: a person's own, a role's pool, an enterprise's cases; newest first.
    index('notifications_user_idx').on(t.recipientUser, t.id),
    index('notifications_role_idx').on(t.recipientRole, t.id),
    index('notifications_case_idx').on(t.caseId),
    index('notifications_unmailed_idx').on(t.id).where(sql`${t.mailFannedOutAt} IS NULL`),
  ],
);

/** Who has read which notification: a role's notification is read by each person separately. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    userId: text('user_id').notNull().references(() => users.id),
    notificationId: bigint('notification_id', { mode: 'number' }).notNull().references(() => notifications.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.notificationId] })],
);

/**
 * The office's SMTP server (one row, id 1); absent or disabled: no e-mail is sent. The
 * password is sealed with a key derived from AUTH_SECRET (mail/sealed-secret.ts) and
 * never served back.
 */
export const mailSettings = pgTable('mail_settings', {
  id: integer('id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  /** TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: boolean('secure').notNull(),
  username: text('username'),
  passwordSealed: text('password_sealed'),
  fromAddress: text('from_address').notNull(),
  /** Notifications written before this are not mailed (turning SMTP on sends no backlog). */
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What a delivery is doing: waiting, held by a sender under a lease, accepted by SMTP, or given up. */
export type MailDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * One e-mail of one notification to one person. The delivery key (notification:user)
 * makes it once; a sender claims it under a lease and marks it sent right after the
 * SMTP server accepts it; its Message-ID is fixed, so a resend after a crash in between
 * is recognisably the same message.
 */
export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryKey: text('delivery_key').notNull(),
    notificationId: bigint('notification_id', { mode: 'number' }).notNull().references(() => notifications.id),
    userId: text('user_id').notNull().references(() => users.id),
    toAddress: text('to_address').notNull(),
    messageId: text('message_id').notNull(),
    status: text('status').$type<MailDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt,
  },
  (t) => [uniqueIndex('mail_deliveries_key_uq').on(t.deliveryKey), index('mail_deliveries_waiting_idx').on(t.id).where(sql`${t.status} IN ('pending', 'sending')`)],
);

/** A retried POST with the same Idempotency-Key returns the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    /**
     * While in flight, when the request's hold on the key ends: a request whose
     * process died never completes, and a retry of it takes the key over after this.
     */
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdAt,
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
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

/**
 * The rules' assessment of each support year of a case, as computed: amount per
 * component, caps, overlaps (第十三条), the more favourable alternative, the trace by
 * article and the policy version. A re-assessment of the year replaces it.
 */
export const assessments = pgTable(
  'assessments',
  {
    // No foreign key: the assessment may be recorded before the case's own projection lands.
    caseId: text('case_id').notNull(),
    supportYear: integer('support_year').notNull(),
    program: text('program').notNull(),
    policyVersion: text('policy_version').notNull(),
    eligible: boolean('eligible').notNull(),
    amountFen: fen('amount_fen').notNull(),
    /** The rules' EvaluationResult. */
    result: jsonb('result').notNull(),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.supportYear] })],
);

/**
 * 从优不重复 needs each award by cost item: one row per approved component of a
 * support year, with its cost category, the period the costs cover and the amount.
 * Written with the approval (the budget reservation); it stands while the
 * reservation does.
 */
export const awards = pgTable(
  'awards',
  {
    // No foreign key: the assessment may be recorded before the case's own projection lands.
    caseId: text('case_id').notNull(),
    supportYear: integer('support_year').notNull(),
    component: text('component').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    program: text('program').notNull(),
    policyVersion: text('policy_version').notNull(),
    costCategory: text('cost_category').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    amountFen: fen('amount_fen').notNull(),
    createdAt,
  },
  (t) => [primaryKey({ columns: [t.caseId, t.supportYear, t.component] }), index('awards_enterprise_idx').on(t.enterpriseId)],
);

/** Awards under other district support policies, kept by officers; every assessment reads them (第十三条). */
export const otherPolicyAwards = pgTable(
  'other_policy_awards',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    policyName: text('policy_name').notNull(),
    documentNumber: text('document_number').notNull(),
    costCategory: text('cost_category').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    amountFen: fen('amount_fen').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt,
    /** Set when an officer withdraws a wrongly recorded entry (the audit log says why). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [index('other_policy_awards_enterprise_idx').on(t.enterpriseId)],
);

/**
 * The adoption of a policy version (rules/policy/versions/): who adopted it, the
 * decision's document number and date, and the day it takes effect (which must be the
 * version's own effectiveFrom: cases choose their version by it). One per version.
 */
export const policyAdoptions = pgTable('policy_adoptions', {
  policyVersion: text('policy_version').primaryKey(),
  adoptedBy: text('adopted_by').notNull(),
  documentNumber: text('document_number').notNull(),
  decisionDate: date('decision_date').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  note: text('note'),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});
