// A notice's durations ("10 days", "36h", "30s") in the reader's language; what the
// admin types stays the API's own format.
import type { Lang } from '../../../lib/i18n';

const PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$/i;
const UNITS = {
  ms: { zh: '毫秒', en: 'ms' },
  s: { zh: '秒', en: 'seconds' },
  m: { zh: '分钟', en: 'minutes' },
  h: { zh: '小时', en: 'hours' },
  d: { zh: '天', en: 'days' },
  w: { zh: '周', en: 'weeks' },
} as const;

export function durationWords(value: string | number, lang: Lang): string {
  if (typeof value === 'number') return String(value);
  const match = PATTERN.exec(value.trim());
  if (!match) return value;
  const unit = match[2]!.toLowerCase();
  const key = (unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0]) as keyof typeof UNITS;
  if (lang === 'zh') return `${match[1]} ${UNITS[key].zh}`;
  return `${match[1]} ${match[1] === '1' && key !== 'ms' ? UNITS[key].en.slice(0, -1) : UNITS[key].en}`;
}
