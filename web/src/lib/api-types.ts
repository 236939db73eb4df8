// Every request and response type the workspace uses, inferred from the API's own
// zod schemas (type-only imports: nothing of the server reaches the bundle). One
// file, so these can be re-pointed when the decision schemas move (issue 12).
import type { z } from 'zod';
import type { caseDetail, caseSummary, inboxFilters, pageOf, paymentView, taskSubject, taskView } from '../../../api/schemas.js';
import type { sessionView } from '../../../api/routes/session.js';
import type { savedView } from '../../../api/routes/saved-views.js';
import type { notificationView } from '../../../api/routes/notifications.js';
import type { mailSettingsBody, mailSettingsView } from '../../../api/routes/mail-settings.js';
import type { caseTimeline } from '../../../api/routes/timeline.js';
import type { decisionBodies } from '../../../api/decisions.js';
import type { Problem } from '../../../api/problem.js';
import type { programCatalogue, programGuide } from '../../../api/program-catalogue.js';
import type { estimateView } from '../../../api/routes/estimate.js';
import type { noticeView } from '../../../api/routes/notices.js';
import type { evaluationResult } from '../../../api/evaluation-schema.js';
import type { yearOverYearView } from '../../../api/year-over-year-schema.js';
import type { casePreviewResultSchema, previewResultSchema } from '../../../api/preview-schema.js';
import type { policyPatchSchema } from '../../../rules/preview/candidate.js';
import type { versionView } from '../../../api/routes/policies.js';
import type { TaskKind, Stage, Role } from '../../../domain/vocabulary.js';
import type { ComponentName, FactName, ProgramCode } from '../../../rules/index.js';
// The server's Fastify augmentation (app.deps), which the route modules above are typed against.
import type {} from '../../../api/app-context.js';

export type { Problem, TaskKind, Stage, Role, ComponentName, FactName, ProgramCode };
export type SessionView = z.infer<typeof sessionView>;
export type TaskView = z.infer<typeof taskView>;
export type TaskSubject = z.infer<typeof taskSubject>;
export type TaskDetail = TaskView & { status: string; closedAt: string | null; closedBy?: string | null };
export type InboxFilters = z.infer<typeof inboxFilters>;
export type InboxPage = z.infer<ReturnType<typeof pageOf<typeof taskView>>>;
export type SavedView = z.infer<typeof savedView>;
export type NotificationView = z.infer<typeof notificationView>;
export type MailSettingsView = z.infer<typeof mailSettingsView>;
export type MailSettingsBody = z.input<typeof mailSettingsBody>;
export type NotificationPage = { items: NotificationView[]; nextCursor: string | null };
export interface UnreadCount {
  unread: number;
  capped: boolean;
}
export type CaseDetail = z.infer<typeof caseDetail>;
export type CaseSummary = z.infer<typeof caseSummary>;
export type PaymentView = z.infer<typeof paymentView>;
export type ProgramCatalogue = z.infer<typeof programCatalogue>;
export type ProgramGuide = z.infer<typeof programGuide>;
export type Estimate = z.infer<typeof estimateView>;
export type EvaluationResult = z.infer<typeof evaluationResult>;
export type NoticeView = z.infer<typeof noticeView>;
export type YearOverYearView = z.infer<typeof yearOverYearView>;
/** POST /policies/preview: the candidate sent, and the preview answered (totals per program and year, the per-case table). */
export type PolicyCandidate = z.input<typeof policyPatchSchema>;
export type PolicyPreview = z.infer<typeof previewResultSchema>;
/** POST /policies/preview/cases/{caseId}: one case opened, its years per component with both traces. */
export type PolicyPreviewCase = z.infer<typeof casePreviewResultSchema>;
/** GET /policies: a published version with its adoption record (or null). */
export type PolicyVersionView = z.infer<typeof versionView>;
export type CaseTimeline = z.infer<typeof caseTimeline>;
export type DecisionBody<K extends TaskKind> = z.input<(typeof decisionBodies)[K]['schema']>;
export interface InboxCounts {
  total: number;
  overdue: number;
  byProgram: Record<string, number>;
  byStage: Record<string, number>;
  byKind: Record<string, number>;
}
/** JSON Schema of one decision body, as GET /decision-forms serves it (z.toJSONSchema of the route's zod schema). */
export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  enum?: string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

// Operations and administration (issue 16: the dashboard, case search, users, enterprises, notices).
import type { opsOverview } from '../../../api/routes/ops-overview.js';
import type { stuckCase, totalsRow, totalsSum } from '../../../api/routes/ops.js';
import type { configView } from '../../../api/routes/config.js';
import type { newUser, userChanges, userView } from '../../../api/routes/users.js';
import type { enterpriseChanges, enterpriseView, newEnterprise } from '../../../api/routes/enterprises.js';
import type { newNotice, noticeDefaults } from '../../../api/routes/notices.js';
export type OpsOverview = z.infer<typeof opsOverview>;
export type ProgramTitle = OpsOverview['programs'][number];
export type StuckCase = z.infer<typeof stuckCase>;
export type StuckCasesPage = { checkedCases: number; nextCursor: string | null; items: StuckCase[] };
export type MoneyTotals = { items: z.infer<typeof totalsRow>[]; totals: z.infer<typeof totalsSum> };
export type WorkspaceConfig = z.infer<typeof configView>;
export type CasesPage = z.infer<ReturnType<typeof pageOf<typeof caseSummary>>>;
export type UserView = z.infer<typeof userView>;
export type NewUser = z.input<typeof newUser>;
export type UserChanges = z.input<typeof userChanges>;
export type EnterpriseView = z.infer<typeof enterpriseView>;
export type NewEnterprise = z.input<typeof newEnterprise>;
export type EnterpriseChanges = z.input<typeof enterpriseChanges>;
export type NewNotice = z.input<typeof newNotice>;
export type NoticeDefaults = z.infer<typeof noticeDefaults>;
