// Which cases a candidate would touch. 第十四条 as this system reads it: a case is
// judged for its whole life (every support year) under the version in force on the
// day it was submitted. Adopting a version therefore moves no case submitted before
// its effective date; it applies to a case only if, with the candidate among the
// published versions, the candidate is the version in force on the case's submission
// day. "Touch" means exactly that: the candidate would become the case's version.
// A touched case whose amounts stay the same is touched and stays; a case the candidate
// does not touch keeps its own amounts whatever the candidate says.

import type { PolicyVersion } from '../policy/types.js';
import type { BookCase } from './book.js';

export type TouchCode = 'applies' | 'submitted-before-effective' | 'later-version-in-force';

export interface Touch {
  applies: boolean;
  code: TouchCode;
  /** The version the case would be judged under once the candidate is adopted. */
  versionIfAdopted: string;
}

/** The version in force on a day among the published ones and the candidate (null before the first). */
function inForceOn(day: string, versions: readonly PolicyVersion[]): PolicyVersion | null {
  let found: PolicyVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= day && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

export function touchOf(c: BookCase, candidate: PolicyVersion, published: readonly PolicyVersion[]): Touch {
  if (c.submittedOn < candidate.effectiveFrom) return { applies: false, code: 'submitted-before-effective', versionIfAdopted: c.policyVersion };
  const inForce = inForceOn(c.submittedOn, published);
  if (inForce && inForce.effectiveFrom > candidate.effectiveFrom) return { applies: false, code: 'later-version-in-force', versionIfAdopted: inForce.id };
  return { applies: true, code: 'applies', versionIfAdopted: candidate.id };
}

export const TOUCH_RULE = {
  en: 'A case is judged for its whole life under the version in force on the day it was submitted (Article 14). The candidate touches a case only if it would be the version in force on that day: submitted on or after its effective date, and no later published version in force by then. Every other case keeps its own version and its own amounts; its "if applied" figures show what the candidate would do were it its version.',
  zh: '案件全周期适用申报日施行的政策版本（第十四条）。候选版本仅适用于申报日不早于其施行日、且当日未有更晚的已发布版本施行的案件；其余案件保持原版本和原金额，“如适用”栏仅示候选版本假如适用时的金额。',
} as const;

/** Why, per code: the preview's answer to "which running cases would it not touch, and why". */
export const TOUCH_REASONS: Record<TouchCode, { en: string; zh: string }> = {
  applies: {
    en: 'Submitted on or after the candidate’s effective date, with no later published version in force that day: every remaining year would be judged under the candidate.',
    zh: '申报日不早于候选版本施行日，且当日无更晚的已发布版本施行：其余各支持年度均适用候选版本。',
  },
  'submitted-before-effective': {
    en: 'Submitted before the candidate takes effect: judged for its whole life under its own version, the one in force that day (Article 14). Adoption changes nothing for it.',
    zh: '申报日早于候选版本施行日：案件全周期适用申报日施行的原版本（第十四条），采纳候选版本对其无影响。',
  },
  'later-version-in-force': {
    en: 'Submitted when a published version later than the candidate was already in force (versionIfAdopted): it stays under that version.',
    zh: '申报日已有晚于候选版本的已发布版本施行（versionIfAdopted）：仍适用该版本。',
  },
};
