import { queryOptions } from '@tanstack/react-query';
import { get, query } from '../../../lib/api-client';
import type { YearOverYearView } from '../../../lib/api-types';

export const yearOverYearQuery = (caseId: string, supportYear: number) =>
  queryOptions({
    queryKey: ['year-over-year', caseId, supportYear],
    queryFn: () => get<YearOverYearView>(`/cases/${encodeURIComponent(caseId)}/year-over-year${query({ supportYear })}`),
  });
