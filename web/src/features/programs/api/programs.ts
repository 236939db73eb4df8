import { queryOptions } from '@tanstack/react-query';
import { get } from '../../../lib/api-client';
import type { ProgramCatalogue } from '../../../lib/api-types';

/** The policy data changes only with a new version: read once per session. */
export const catalogueQuery = queryOptions({ queryKey: ['programs'], queryFn: () => get<ProgramCatalogue>('/programs'), staleTime: Infinity });
