// The operations pages' reads: the dashboard's figures, money against budget, stuck
// cases a page at a time, case search, and where the Temporal Web UI is.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { get, query } from '../../../lib/api-client';
import type { CaseSummary, CasesPage, MoneyTotals, NoticeView, OpsOverview, StuckCasesPage, WorkspaceConfig } from '../../../lib/api-types';

export const overviewQuery = queryOptions({ queryKey: ['ops', 'overview'], queryFn: () => get<OpsOverview>('/ops/overview'), staleTime: 30_000 });

export const totalsQuery = (year: number | undefined) =>
  queryOptions({ queryKey: ['ops', 'totals', year], queryFn: () => get<MoneyTotals>(`/ops/totals${query({ year })}`), staleTime: 30_000 });

export const noticeYearsQuery = queryOptions({
  queryKey: ['notices'],
  queryFn: () => get<{ items: NoticeView[] }>('/notices'),
  staleTime: 300_000,
});

/** Stuck cases: each page inspects the next 50 running cases (Temporal is asked about each). */
export const STUCK_PAGE = 50;
export const stuckCasesQuery = infiniteQueryOptions({
  queryKey: ['ops', 'stuck-cases'],
  queryFn: ({ pageParam }) => get<StuckCasesPage>(`/ops/stuck-cases${query({ limit: STUCK_PAGE, cursor: pageParam })}`),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
  staleTime: 30_000,
});

export interface CaseSearch {
  caseId?: string | undefined;
  enterprise?: string | undefined;
  program?: CaseSummary['program'] | undefined;
}

export const CASE_SEARCH_PAGE = 50;
export const caseSearchQuery = (search: CaseSearch) =>
  infiniteQueryOptions({
    queryKey: ['ops', 'case-search', search],
    queryFn: ({ pageParam }) => get<CasesPage>(`/cases${query({ ...search, limit: CASE_SEARCH_PAGE, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const configQuery = queryOptions({ queryKey: ['config'], queryFn: () => get<WorkspaceConfig>('/config'), staleTime: Infinity });

/** The workflow's page in the Temporal Web UI (all its runs: each support year continues as new). */
export const workflowUrl = (config: WorkspaceConfig | undefined, workflowId: string): string | null =>
  config?.temporalUi ? `${config.temporalUi.url}/namespaces/${encodeURIComponent(config.temporalUi.namespace)}/workflows/${encodeURIComponent(workflowId)}` : null;
