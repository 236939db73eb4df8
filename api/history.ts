// A workflow history as a list a person can read: when, what, and the one detail
// that matters for each event.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';

export interface HistoryEntry {
  /** 1 for the application year's run; each support year continues as a new run. */
  run: number;
  /** The run's id, for its page in the Temporal Web UI. */
  runId: string;
  eventId: number;
  at: string;
  type: string;
  summary: string;
}

// A CommonJS package: its namespaces come through the default export under Node's ESM.
const EventType = proto.temporal.api.enums.v1.EventType;

function readableType(type: temporal.api.enums.v1.EventType | null | undefined): string {
  const name = type === null || type === undefined ? 'UNKNOWN' : (EventType[type] ?? 'UNKNOWN');
  return name.replace(/^EVENT_TYPE_/, '').toLowerCase().replaceAll('_', '-');
}

function summaryOf(event: temporal.api.history.v1.IHistoryEvent): string {
  const scheduled = event.activityTaskScheduledEventAttributes;
  if (scheduled) return `activity ${scheduled.activityType?.name ?? ''}`;
  const timer = event.timerStartedEventAttributes;
  if (timer) return `timer ${timer.startToFireTimeout?.seconds?.toString() ?? '?'}s`;
  const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
  if (accepted) return `update ${accepted.acceptedRequest?.input?.name ?? ''} accepted`;
  const started = event.workflowExecutionStartedEventAttributes;
  if (started) return `workflow ${started.workflowType?.name ?? ''} started`;
  return '';
}

/** More runs than any program has support years: a bound, not an expectation. */
const MAX_RUNS = 12;

/**
 * The history of every run of a workflow, first to last: the latest, then back along
 * continue-as-new (a case continues as new for each support year).
 */
export async function historiesOfEveryRun(client: Client, workflowId: string): Promise<temporal.api.history.v1.IHistory[]> {
  const runs: temporal.api.history.v1.IHistory[] = [];
  let runId: string | undefined;
  while (runs.length < MAX_RUNS) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    if (!runId) break;
  }
  return runs;
}

export async function readableHistory(client: Client, workflowId: string): Promise<HistoryEntry[]> {
  const [runs, latest] = await Promise.all([historiesOfEveryRun(client, workflowId), client.workflow.getHandle(workflowId).describe()]);
  // Each run names the one it continued; the latest is the one the workflow has now.
  const runIds = runs.map((_, i) => (i === runs.length - 1 ? latest.runId : (runs[i + 1]?.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? '')));
  return runs.flatMap(({ events }, index) =>
    (events ?? []).map((event) => {
      const seconds = Number(event.eventTime?.seconds ?? 0);
      const nanos = event.eventTime?.nanos ?? 0;
      return {
        run: index + 1,
        runId: runIds[index] ?? '',
        eventId: Number(event.eventId ?? 0),
        at: new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString(),
        type: readableType(event.eventType),
        summary: summaryOf(event),
      };
    }),
  );
}
