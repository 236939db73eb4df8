// Where people open a case's workflow in the Temporal Web UI. The address is the
// deployment's (TEMPORAL_UI_URL), not the workspace's guess: in production the UI sits
// behind its own host name, on a dev machine it is the dev server's on :8233.
import { z } from 'zod';

export const DEFAULT_TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

export const temporalUiView = z
  .object({
    url: z.string().describe('the Web UI’s base address (TEMPORAL_UI_URL, default http://127.0.0.1:8233)'),
    namespace: z.string().describe('the namespace the cases run in'),
  })
  .describe('a case’s workflow is at {url}/namespaces/{namespace}/workflows/{workflowId}');
export type TemporalUi = z.infer<typeof temporalUiView>;

/** The configured base address without a trailing slash; a value that is no http(s) URL stops start-up. */
export function temporalUiUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.TEMPORAL_UI_URL?.trim() || DEFAULT_TEMPORAL_UI_URL;
  let parsed: URL;
  try {
    parsed = new URL(configured);
  } catch {
    throw new Error(`TEMPORAL_UI_URL is not a URL: ${configured}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`TEMPORAL_UI_URL must be http(s): ${configured}`);
  return configured.replace(/\/+$/, '');
}
