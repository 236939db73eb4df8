// The token-signing secret, checked by the one rule (api/auth.ts) before anything starts.
import { tokenSecretProblem } from '../api/auth.js';
import { StartupError } from './errors.js';

export function checkedTokenSecret(secret: string | undefined): string {
  const problem = tokenSecretProblem(secret);
  if (problem || secret === undefined) throw new StartupError(problem ?? 'AUTH_SECRET is not set');
  return secret;
}
