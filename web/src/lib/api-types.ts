// Every request and response type the workspace uses, inferred from the API's own
// zod schemas (type-only imports: nothing of the server reaches the bundle). One
// file, so these can be re-pointed when the decision schemas move (issue 12).
import type { z } from 'zod';
import type { caseDetail, caseSummary, inboxFilters, pageOf, paymentView, taskSubject, taskView } from '../../../api/schemas.js';
import type { sessionView } from '../../../api/routes/session.js';
import type { savedView } from '../../../api/routes/saved-views.js';
import type { caseTimeline } from '../../../api/routes/timeline.js';
import type { decisionBodies } from '../../../api/decisions.js';
import type { Problem } from '../../../api/problem.js';
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
export type CaseDetail = z.infer<typeof caseDetail>;
export type CaseSummary = z.infer<typeof caseSummary>;
export type PaymentView = z.infer<typeof paymentView>;
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
