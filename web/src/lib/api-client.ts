// The one way the workspace talks to the API: same origin, the session cookie sent
// by the browser, the session's CSRF token on every state-changing request, and
// problem+json answers turned into ApiProblem with their field errors.
import type { Problem } from './api-types';
import { takeEarlyResponse } from './early-requests';

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }

  /** Field errors keyed by the form's path: `body.reason` → `reason`, `body.scores.x` → `scores.x`. */
  fieldErrors(): Map<string, string> {
    const byField = new Map<string, string>();
    for (const e of this.problem.errors ?? []) {
      const field = e.field.replace(/^body\.?/, '');
      byField.set(field, byField.has(field) ? `${byField.get(field)}; ${e.message}` : e.message);
    }
    return byField;
  }
}

let csrfToken: string | null = null;
/** Set from the session (sign-in and GET /session). */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

export async function api<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const early = method === 'GET' ? takeEarlyResponse(path) : undefined;
  const response = await (early ?? fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined && { body: JSON.stringify(body) }) }));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (data ?? { type: 'about:blank', title: response.statusText, status: response.status }) as Problem;
    throw new ApiProblem(response.status, problem);
  }
  return data as T;
}

/** A file the API answers (CSV, XLSX) to a POST: the same session, CSRF token and problem handling as `api`. */
export async function postForFile(path: string, body: unknown): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  if (!response.ok) {
    const text = await response.text();
    throw new ApiProblem(response.status, (text ? JSON.parse(text) : { type: 'about:blank', title: response.statusText, status: response.status }) as Problem);
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', path, body ?? {}, headers);

/** A query string of the defined values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
