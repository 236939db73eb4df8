import { queryOptions } from '@tanstack/react-query';
import { get } from '../../../lib/api-client';
import type { CaseTimeline } from '../../../lib/api-types';

/** One entry: its runUrl is the run's page in the Temporal Web UI, at the address the API is configured with (TEMPORAL_UI_URL). */
export type TimelineEntry = CaseTimeline['entries'][number];

export const timelineQuery = (caseId: string) =>
  queryOptions({ queryKey: ['timeline', caseId], queryFn: () => get<CaseTimeline>(`/cases/${encodeURIComponent(caseId)}/timeline`) });
