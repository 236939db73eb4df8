// What a case expects of the enterprise now: its own open task (a correction or a
// yearly report, with its deadline), or whom it waits on, in words.
import type { CaseDetail, CaseSummary } from '../../../lib/api-types';
import { stageExpectation } from '../messages';

export interface NextStep {
  /** The enterprise must act (an open task of its own). */
  mine: boolean;
  text: string;
  dueAt: string | null;
}

export function nextStepOf(c: CaseSummary | CaseDetail, lang: 'zh' | 'en'): NextStep {
  const words = stageExpectation[lang];
  const own = 'openTasks' in c ? c.openTasks.find((t) => t.role === 'applicant') : undefined;
  if (own) return { mine: true, text: words[own.kind === 'correction' ? 'correction' : 'yearly-report-open'] ?? own.kind, dueAt: own.dueAt };
  if (c.status !== 'in-progress') return { mine: false, text: words.closed ?? '', dueAt: null };
  return { mine: false, text: words[c.stage] ?? c.stage, dueAt: null };
}
