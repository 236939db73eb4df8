// 第十三条: where the assessment lists a more favourable program, the committee's
// decision records which one stands. The standing computation is the assessment
// itself, or the alternative's own computation as a result of its program, with a
// trace step saying why; the case's maximum, its split over components and its
// payments follow it.

import { articleZh } from './codes.js';
import type { ProgramCode } from './codes.js';
import type { PolicyVersion } from './policy/types.js';
import { PROGRAM_LABELS, programInText } from './labels.js';
import { enYuan, zhYuan } from './trace.js';
import type { EvaluationResult } from './types.js';

export class StandingProgramError extends Error {
  constructor(readonly program: string, readonly choices: readonly string[]) {
    super(`${program} is not one of ${choices.join(', ')}`);
    this.name = 'StandingProgramError';
  }
}

export function standingAssessment(version: PolicyVersion, assessment: EvaluationResult, standingProgram: ProgramCode | undefined): EvaluationResult {
  const chosen = standingProgram ?? assessment.program;
  const a13 = articleZh(13);
  if (chosen === assessment.program) {
    if (assessment.alternatives.length === 0) return assessment;
    return {
      ...assessment,
      trace: [
        ...assessment.trace,
        {
          step: 'most-favourable.decided',
          article: a13,
          policyVersion: version.id,
          parameters: {},
          inputs: { standingProgram: chosen, alternatives: assessment.alternatives.map((a) => a.program) },
          figures: { amountFen: assessment.amountFen },
          result: chosen,
          textZh: `经审议，按申报项目${programInText(chosen, 'zh')}支持（${zhYuan(assessment.amountFen)}），不按${assessment.alternatives.map((a) => programInText(a.program, 'zh')).join('、')}`,
          textEn: `Decided: the program applied for, ${programInText(chosen, 'en')}, stands (${enYuan(assessment.amountFen)}), not ${assessment.alternatives.map((a) => programInText(a.program, 'en')).join(', ')}`,
        },
      ],
    };
  }
  const alternative = assessment.alternatives.find((a) => a.program === chosen);
  if (!alternative) throw new StandingProgramError(chosen, [assessment.program, ...assessment.alternatives.map((a) => a.program)]);
  const def = version.programs[alternative.program];
  return {
    ...assessment,
    program: alternative.program,
    article: alternative.article,
    title: { zh: def.titleZh, en: def.titleEn },
    amountFen: alternative.amountFen,
    components: alternative.components,
    reasons: alternative.reasons,
    overlaps: alternative.overlaps,
    alternatives: [],
    trace: [
      ...alternative.trace,
      {
        step: 'most-favourable.decided',
        article: a13,
        policyVersion: version.id,
        parameters: {},
        inputs: { appliedFor: assessment.program, standingProgram: chosen },
        figures: { appliedForAmountFen: assessment.amountFen, standingAmountFen: alternative.amountFen },
        result: chosen,
        textZh: `从优不重复：申报${programInText(assessment.program, 'zh')}可获${zhYuan(assessment.amountFen)}，亦符合${programInText(chosen, 'zh')}可获${zhYuan(alternative.amountFen)}，经审议按更优的${PROGRAM_LABELS[chosen].zh}支持，不重复支持`,
        textEn: `Most favourable, never both: ${programInText(assessment.program, 'en')} would pay ${enYuan(assessment.amountFen)}, ${programInText(chosen, 'en')} pays ${enYuan(alternative.amountFen)}; decided that ${PROGRAM_LABELS[chosen].en} stands`,
      },
    ],
  };
}
