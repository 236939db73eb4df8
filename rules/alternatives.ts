// 从优不重复 between programs for the same thing (A3, A4, A8 pairs): compute the
// other program the applicant qualifies for and list it when more favourable.

import { articleZh } from './codes.js';
import { RulesInputError } from './errors.js';
import { PROGRAM_LABELS, programInText } from './labels.js';
import type { PolicyVersion } from './policy/types.js';
import { enYuan, zhYuan } from './trace.js';
import type { ProgramCode } from './codes.js';
import type { Alternative, EvaluationInput, EvaluationResult } from './types.js';

export type EvaluateOne = (input: EvaluationInput, code: ProgramCode, version: PolicyVersion, named: boolean, keepTrace?: boolean) => EvaluationResult;

export function findAlternatives(input: EvaluationInput, version: PolicyVersion, named: boolean, main: EvaluationResult, evaluateProgram: EvaluateOne, keepTrace = true): Alternative[] {
  const def = version.programs[main.program];
  const found: Alternative[] = [];
  const held = input.applicant.qualifications ?? [];
  for (const code of def.alternatives) {
    const alt = version.programs[code];
    if (!alt.qualificationsAnyOf.some((q) => held.includes(q))) continue;
    let other: EvaluationResult;
    try {
      other = evaluateProgram({ ...input, program: code }, code, version, named, keepTrace);
    } catch (e) {
      if (e instanceof RulesInputError) continue; // the facts for the other program are not given
      throw e;
    }
    const better = other.eligible && other.amountFen > main.amountFen;
    const a13 = articleZh(13);
    // The comparison is a trace step; without a kept trace only the alternative is listed.
    if (keepTrace) main.trace.push({
      step: 'most-favourable',
      article: a13,
      policyVersion: version.id,
      parameters: { alternative: code },
      inputs: { qualifications: [...held] },
      figures: { thisAmountFen: main.amountFen, alternativeAmountFen: other.eligible ? other.amountFen : null },
      result: better ? code : main.program,
      textZh: better
        ? `亦符合${programInText(code, 'zh')}，金额${zhYuan(other.amountFen)}高于本项${zhYuan(main.amountFen)}，从优不重复：宜按${PROGRAM_LABELS[code].zh}支持`
        : `亦可申报${programInText(code, 'zh')}，${other.eligible ? `金额${zhYuan(other.amountFen)}不高于本项` : '但不符合其条件'}，本项更优或相同`,
      textEn: better
        ? `Also qualifies for ${programInText(code, 'en')} at ${enYuan(other.amountFen)}, more than this ${enYuan(main.amountFen)}: the more favourable one, never both`
        : `Also considered ${programInText(code, 'en')}: ${other.eligible ? `${enYuan(other.amountFen)}, not more favourable` : 'not eligible'}`,
    });
    if (better) {
      found.push({
        program: code,
        article: articleZh(alt.article),
        amountFen: other.amountFen,
        moreByFen: other.amountFen - main.amountFen,
        message: `The applicant also qualifies for ${programInText(code, 'en')}, which pays ${enYuan(other.amountFen)}; the more favourable program applies, never both.`,
        messageZh: `申报主体亦符合${programInText(code, 'zh')}，可获${zhYuan(other.amountFen)}，按从优不重复原则择优支持。`,
        components: other.components,
        reasons: other.reasons,
        overlaps: other.overlaps,
        trace: other.trace,
      });
    }
  }
  return found;
}
