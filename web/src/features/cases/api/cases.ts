import { queryOptions } from '@tanstack/react-query';
import { get } from '../../../lib/api-client';

export interface TimelineEntry {
  at: string;
  source: 'workflow' | 'audit';
  what: string;
  summary: string;
  actor?: string;
  reason?: string | null;
  run?: number;
  runId?: string;
  eventId?: number;
}

export const timelineQuery = (caseId: string) =>
  queryOptions({ queryKey: ['timeline', caseId], queryFn: () => get<{ caseId: string; workflowId: string; workflowHistoryAvailable: boolean; entries: TimelineEntry[] }>(`/cases/${encodeURIComponent(caseId)}/timeline`) });

/** The Temporal Web UI's page of one run (the dev server's UI by default). */
export const TEMPORAL_UI = 'http://127.0.0.1:8233';
export const temporalRunUrl = (workflowId: string, runId: string) =>
  `${TEMPORAL_UI}/namespaces/default/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`;
