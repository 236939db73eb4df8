// One case's life as a readable timeline: the workflow's history (what the system
// did and when) merged with the audit log (who decided what, and why).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { actorOf } from '../auth.js';
import { readableHistory } from '../history.js';
import type { HistoryEntry } from '../history.js';
import { readableCase } from '../policies.js';
import { problemResponses } from '../problem.js';
import { auditOfCase } from '../repositories/audit.js';
import { temporalUiBase } from '../temporal-ui.js';
import { caseParams } from '../schemas.js';
import { isWorkflowNotFound, temporalProblem } from '../temporal-errors.js';

const entry = z.object({
  at: z.string(),
  source: z.enum(['workflow', 'audit']),
  what: z.string(),
  summary: z.string(),
  actor: z.string().optional(),
  reason: z.string().nullable().optional(),
  detail: z.unknown().optional(),
  eventId: z.number().int().optional(),
  /** Workflow events: which run (1 = the application year; each later support year is a new run). */
  run: z.number().int().optional(),
  /** The run the entry belongs to (audit entries: the run that was current then), for the Temporal Web UI. */
  runId: z.string().optional(),
  /** That run's page in the Temporal Web UI (TEMPORAL_UI_URL). */
  runUrl: z.string().optional(),
});
export const caseTimeline = z.object({ caseId: z.string(), workflowId: z.string(), workflowHistoryAvailable: z.boolean(), entries: z.array(entry) });


export const timelineRoutes: FastifyPluginAsyncZod = async (app) => {
  // Parsed once at start (a bad address stops the API there), not per request.
  const ui = temporalUiBase(app.deps.temporalUiUrl);
  app.get(
    '/cases/:caseId/timeline',
    {
      config: only(Role.Officer, Role.Supervisor, Role.Ops),
      schema: { summary: 'A case’s history: workflow events and audit log, by time (officer, supervisor, ops)', tags: ['operations'], params: caseParams, response: { 200: caseTimeline, ...problemResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await readableCase(app.deps.db, actor, request.params.caseId);
      let history: HistoryEntry[] = [];
      let workflowHistoryAvailable = true;
      try {
        history = await readableHistory(app.deps.temporal, row.workflowId);
      } catch (error) {
        // The audit log still tells the story when Temporal has dropped the history.
        if (!isWorkflowNotFound(error)) throw temporalProblem(error);
        workflowHistoryAvailable = false;
      }
      const audit = await auditOfCase(app.deps.db, row.id);
      // Runs in order with their first event's time: an audit entry belongs to the last run started by then.
      const runStarts = history.filter((h) => h.eventId === 1);
      const runAt = (at: string) => {
        const run = runStarts.filter((r) => r.at <= at).at(-1) ?? runStarts[0];
        return run ? { run: run.run, runId: run.runId } : {};
      };
      const namespace = encodeURIComponent(app.deps.temporal.options.namespace);
      const runUrl = (runId: string | undefined) => (runId ? { runUrl: `${ui}/namespaces/${namespace}/workflows/${encodeURIComponent(row.workflowId)}/${encodeURIComponent(runId)}/history` } : {});
      const entries = [
        ...history.map((h) => ({ at: h.at, source: 'workflow' as const, what: h.type, summary: h.summary, eventId: h.eventId, run: h.run, runId: h.runId })),
        ...audit.map((a) => ({
          at: a.at.toISOString(),
          source: 'audit' as const,
          what: a.action,
          summary: `${a.action} by ${a.actor}${a.reason ? `: ${a.reason}` : ''}`,
          actor: a.actor,
          reason: a.reason,
          detail: a.detail,
          ...runAt(a.at.toISOString()),
        })),
      ]
        .map((e) => ({ ...e, ...runUrl(e.runId) }))
        .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.source === y.source ? 0 : x.source === 'workflow' ? -1 : 1));
      return { caseId: row.id, workflowId: row.workflowId, workflowHistoryAvailable, entries };
    },
  );
};
