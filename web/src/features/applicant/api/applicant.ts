// The applicant's requests: my cases, this year's notice, the live estimate, and the
// messages an enterprise sends its case (application, correction, yearly report,
// withdrawal).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, get, post, query } from '../../../lib/api-client';
import type { CaseSummary, Estimate, NoticeView, ProgramGuide } from '../../../lib/api-types';

export interface ApplicationDraft {
  program: string;
  qualifications: string[];
  facts: Record<string, number | boolean>;
}

export const myCasesQuery = queryOptions({ queryKey: ['my-cases'], queryFn: () => get<{ items: CaseSummary[]; nextCursor: string | null }>('/cases?limit=200') });

/** A year's annual notice, or null when none is published. */
export const noticeQuery = (year: number) =>
  queryOptions({
    queryKey: ['notice', year],
    queryFn: async () => {
      try {
        return await get<NoticeView>(`/notices/${year}`);
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });

/** A program's guide under the version in force on a date: a case's own version is the one in force on its submission date. */
export const guideOnQuery = (program: string, on: string) =>
  queryOptions({ queryKey: ['program', program, on], queryFn: () => get<ProgramGuide>(`/programs/${encodeURIComponent(program)}${query({ on })}`), staleTime: Infinity });

export const estimateQuery = (draft: ApplicationDraft, lang: 'zh' | 'en') =>
  queryOptions({ queryKey: ['estimate', draft, lang], queryFn: () => post<Estimate>(`/applications/estimate${query({ lang })}`, draft), staleTime: 60_000, retry: false });

function useCaseMutation<B>(caseId: string, send: (body: B) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      const refresh = () => {
        void client.invalidateQueries({ queryKey: ['case', caseId] });
        void client.invalidateQueries({ queryKey: ['my-cases'] });
      };
      refresh();
      // The case has taken the message; its read model follows a moment later.
      setTimeout(refresh, 2_000);
    },
  });
}

export function useApply() {
  const client = useQueryClient();
  return useMutation({
    // Keyed by the application id: sent again after a lost answer, it gets the case it started.
    mutationFn: (body: ApplicationDraft & { applicationId: string; evidence: { kind: string; reference: string }[] }) =>
      post<{ caseId: string }>('/applications', body, { 'idempotency-key': `application-${body.applicationId}` }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['my-cases'] }),
  });
}

export const useWithdraw = (caseId: string) => useCaseMutation(caseId, (body: { reason?: string }) => post(`/cases/${encodeURIComponent(caseId)}/withdraw`, body));
export const useCorrection = (caseId: string, taskId: string) =>
  useCaseMutation(caseId, (body: { facts?: Record<string, number | boolean>; evidence?: { kind: string; reference: string }[]; note?: string }) =>
    post(`/tasks/${encodeURIComponent(taskId)}/decision/correction`, body),
  );
export const useYearlyReport = (caseId: string) =>
  useCaseMutation(caseId, (body: { facts: Record<string, number | boolean>; evidence?: { kind: string; reference: string }[]; note?: string }) =>
    post(`/cases/${encodeURIComponent(caseId)}/yearly-reports`, body),
  );
