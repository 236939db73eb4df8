// The preview page's calls: the published versions (a starting point for a patch),
// the preview itself, and its per-case table as CSV or XLSX (POSTs answered with a
// file, fetched through the api client so the session and CSRF token apply).
import { queryOptions } from '@tanstack/react-query';
import { get, post, postForFile } from '../../../lib/api-client';
import type { PolicyPreview, PolicyPreviewCase, PolicyVersionView } from '../../../lib/api-types';

export const policiesQuery = queryOptions({
  queryKey: ['policies'],
  queryFn: () => get<{ versions: PolicyVersionView[] }>('/policies'),
  staleTime: 300_000,
});

/**
 * The candidate goes as the user wrote it: the API checks it and names each bad field.
 * Each case's sums only: a large book's years and traces would be hundreds of megabytes;
 * one case's come when its row is opened.
 */
export const previewPolicy = (candidate: unknown) => post<PolicyPreview>('/policies/preview?detail=cases', candidate);

/** One case opened: its support years per component, with both traces. */
export const previewCaseQuery = (candidate: unknown, caseId: string) =>
  queryOptions({
    queryKey: ['policy-preview-case', caseId, JSON.stringify(candidate)],
    queryFn: () => post<PolicyPreviewCase>(`/policies/preview/cases/${encodeURIComponent(caseId)}`, candidate),
    staleTime: 60_000,
  });

/** Downloads the per-case table: the browser saves the answer under the API's file name. */
export async function downloadTable(candidate: unknown, format: 'csv' | 'xlsx'): Promise<void> {
  const { blob, filename } = await postForFile(`/policies/preview.${format}`, candidate);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? `preview.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
