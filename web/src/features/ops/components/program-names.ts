// Programs as people name them (the policy's title, zh or en), never as codes; charts
// shorten long titles and show the whole one in their tooltip.
import type { Lang } from '../../../lib/i18n';
import type { ProgramTitle } from '../../../lib/api-types';

const SHORT = { zh: 14, en: 28 } as const;

export function programName(programs: readonly ProgramTitle[] | undefined, code: string, lang: Lang, short = false): string {
  const found = programs?.find((p) => p.code === code);
  if (!found) return code;
  const title = lang === 'zh' ? found.titleZh : found.titleEn;
  return short && title.length > SHORT[lang] ? `${title.slice(0, SHORT[lang])}…` : title;
}
