// Where people open a case's workflow in the Temporal Web UI. The address is the
// deployment's (TEMPORAL_UI_URL, passed to the app as `temporalUiUrl`), not the
// workspace's guess: in production the UI has its own host name, on a dev machine it
// is the dev server's on :8233.
import { z } from 'zod';

export const DEFAULT_TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

export const temporalUiView = z
  .object({
    url: z.string().describe('the Web UI’s base address (TEMPORAL_UI_URL, default http://127.0.0.1:8233)'),
    namespace: z.string().describe('the namespace the cases run in'),
  })
  .describe('a case’s workflow is at {url}/namespaces/{namespace}/workflows/{workflowId} (the UI opens its latest run)');

/** The base address without a trailing slash; one that is no http(s) URL stops the API at start. */
export function temporalUiBase(configured: string | undefined): string {
  const url = configured?.trim() || DEFAULT_TEMPORAL_UI_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`TEMPORAL_UI_URL is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`TEMPORAL_UI_URL must be an http(s) address: ${url}`);
  return url.replace(/\/+$/, '');
}
