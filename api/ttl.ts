// Token lifetimes written as "8h", "30m", "7d" or seconds.
import { DEFAULT_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS } from './auth.js';
import { HttpProblem } from './problem.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTtlSeconds(text: string | undefined): number | string {
  if (text === undefined) return DEFAULT_TOKEN_TTL_SECONDS;
  const match = /^(\d{1,7})\s*([smhd]?)$/.exec(text.trim());
  if (!match) return 'must be a duration such as "8h", "30m", "7d" or a number of seconds';
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1);
  if (seconds < 60) return 'must be at least one minute';
  if (seconds > MAX_TOKEN_TTL_SECONDS) return 'must be at most 30 days';
  return seconds;
}

export function parseTtl(text: string | undefined, field: string): number {
  const parsed = parseTtlSeconds(text);
  if (typeof parsed === 'string') throw new HttpProblem(400, `${field}: ${parsed}`, [{ field, message: parsed }]);
  return parsed;
}
