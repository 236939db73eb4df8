// A program's component rules and fact units in words, for the guide and the forms.
import type { ProgramGuide } from '../../../lib/api-types';
import { fenToYuan } from '../../../lib/money';
import type { messages } from '../messages';

type Messages = (typeof messages)['zh'];
type Component = ProgramGuide['components'][number];
type Lang = 'zh' | 'en';

export function factName(guide: ProgramGuide, fact: string | null, lang: Lang): string {
  if (!fact) return '';
  const all = [...guide.applicationFacts.required, ...guide.applicationFacts.optional, ...(guide.yearlyReportFacts?.required ?? []), ...(guide.yearlyReportFacts?.optional ?? [])];
  return all.find((f) => f.fact === fact)?.name[lang] ?? fact;
}

export function unitName(unit: string, m: Messages): string {
  return unit === 'fen' ? m.fen : unit === 'm2' ? m.m2 : unit === 'months' ? m.months : m.boolean;
}

export function describeComponent(guide: ProgramGuide, c: Component, m: Messages, lang: Lang): string {
  const base = factName(guide, c.baseFact, lang);
  const [comma, colon] = lang === 'zh' ? ['，', '：'] : [', ', ': '];
  switch (c.kind) {
    case 'ratio':
      return lang === 'zh' ? `${base}${m.ratioOf} ${c.ratioPercent}%` : `${c.ratioPercent}% ${m.ratioOf} ${base}`;
    case 'area-rent':
      return `${base} × ${m.national} ${c.levelRatioPercent?.national}% / ${m.provincial} ${c.levelRatioPercent?.provincial}%${comma}${m.areaCap} ${c.areaCapM2} ${m.m2}`;
    case 'actual-capped':
      return `${m.actual}${colon}${base}`;
    case 'fixed-yearly':
      return `${m.fixed} ${fenToYuan(c.fixedAmountFen)}${c.prorated ? `${comma}${m.prorated}` : ''}`;
    default:
      return m.decided;
  }
}
