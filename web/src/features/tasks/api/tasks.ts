import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../../../lib/api-client';
import type { CaseDetail, JsonSchema, TaskDetail, TaskKind } from '../../../lib/api-types';

export interface DecisionForm {
  kind: TaskKind;
  schema: JsonSchema;
  criteria: { name: string; nameZh: string; maxPoints: number }[] | null;
  passMark: number | null;
  budget: { year: number; budgetFen: number; approvedFen: number; leftFen: number } | null;
}

export interface Assessment {
  amountFen: number;
  eligible: boolean;
  article: string;
  components: { name: string; amountFen: number; capped: boolean }[];
  decision: { decidedAmount: boolean; maximumFen: number | null };
  reasons: { article: string; message: string; messageZh: string }[];
  trace: { step: string; article: string; textZh: string; textEn: string; result: unknown }[];
}

export const taskQuery = (taskId: string) => queryOptions({ queryKey: ['task', taskId], queryFn: () => get<TaskDetail>(`/tasks/${encodeURIComponent(taskId)}`) });
export const decisionFormQuery = (taskId: string) =>
  queryOptions({ queryKey: ['decision-form', taskId], queryFn: () => get<DecisionForm>(`/tasks/${encodeURIComponent(taskId)}/decision-form`), staleTime: Infinity });
export const caseQuery = (caseId: string) => queryOptions({ queryKey: ['case', caseId], queryFn: () => get<CaseDetail>(`/cases/${encodeURIComponent(caseId)}`) });
export const assessmentQuery = (caseId: string, lang: 'zh' | 'en') =>
  queryOptions({ queryKey: ['assessment', caseId, lang], queryFn: () => get<Assessment>(`/cases/${encodeURIComponent(caseId)}/assessment${query({ lang })}`) });
export interface PanelView {
  closed: boolean;
  seats: { seat: number; expertId?: string | null; status: string; totalPoints?: number | null; scores?: Record<string, number> | null }[];
}
export const panelQuery = (caseId: string) => queryOptions({ queryKey: ['panel', caseId], queryFn: () => get<PanelView>(`/cases/${encodeURIComponent(caseId)}/panel`) });

export function useDecide(taskId: string, kind: TaskKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => post<{ caseId: string; stage?: string; status?: string }>(`/tasks/${encodeURIComponent(taskId)}/decision/${kind}`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['inbox'] });
      void client.invalidateQueries({ queryKey: ['inbox-counts'] });
      void client.invalidateQueries({ queryKey: ['task', taskId] });
    },
  });
}
