// 专家评审 as policy: which expert specialty a program's panel is drawn from, and how
// the panel's totals make the result (from the version's threshold on, the highest
// and the lowest are dropped; the mean of the rest against the program's pass mark).

import { articleZh } from './codes.js';
import type { ProgramCode } from './codes.js';
import type { PolicyVersion } from './policy/types.js';
import type { TraceStep } from './types.js';
import { programInText, SPECIALTY_LABELS } from './labels.js';

/** A specialty's name; a candidate version's new specialty without words yet is shown as written. */
function specialtyName(code: string, lang: 'zh' | 'en'): string {
  return SPECIALTY_LABELS[code]?.[lang] ?? code;
}

export function expertSpecialty(version: PolicyVersion, program: ProgramCode): { specialty: string; trace: TraceStep } {
  const def = version.programs[program];
  return {
    specialty: def.expertSpecialty,
    trace: {
      step: 'panel.specialty',
      article: articleZh(def.article),
      policyVersion: version.id,
      parameters: { expertSpecialty: def.expertSpecialty },
      inputs: { program },
      figures: {},
      result: def.expertSpecialty,
      textZh: `${programInText(program, 'zh')}的评审专家从“${specialtyName(def.expertSpecialty, 'zh')}”领域专家库中抽取`,
      textEn: `${programInText(program, 'en')}: panels are drawn from experts of the specialty “${specialtyName(def.expertSpecialty, 'en')}”`,
    },
  };
}

export interface PanelResult {
  totals: number[];
  /** The totals that count, ascending. */
  counted: number[];
  /** Mean of the counted totals, floored to two decimals (display; the pass test is exact). */
  average: number;
  passed: boolean;
  trace: TraceStep;
}

export function aggregatePanelScores(version: PolicyVersion, program: ProgramCode, totals: readonly number[]): PanelResult {
  const def = version.programs[program];
  const passMark = def.passMark ?? 0;
  const dropFrom = version.readings.panelDropExtremesFrom;
  const sorted = [...totals].sort((a, b) => a - b);
  const counted = sorted.length >= dropFrom ? sorted.slice(1, -1) : sorted;
  const sum = counted.reduce((a, b) => a + b, 0);
  const average = Math.floor((sum * 100) / counted.length) / 100;
  // sum / n >= passMark, without division.
  const passed = counted.length > 0 && sum >= passMark * counted.length;
  const dropped = counted.length < sorted.length;
  return {
    totals: [...totals],
    counted,
    average,
    passed,
    trace: {
      step: 'panel.aggregate',
      article: articleZh(def.article),
      policyVersion: version.id,
      parameters: { passMark, panelDropExtremesFrom: dropFrom },
      inputs: { totals: [...totals] },
      figures: { counted: counted.join(','), sum, average: counted.length > 0 ? average : null },
      result: passed,
      textZh: `专家评分${totals.join('、')}${dropped ? '，去掉最高分和最低分' : ''}，计入${counted.join('、') || '无'}，平均${counted.length > 0 ? average : '—'}分，合格线${passMark}分：${passed ? '通过' : '未通过'}`,
      textEn: `Panel totals ${totals.join(', ')}${dropped ? ', highest and lowest dropped' : ''}; counted ${counted.join(', ') || 'none'}, mean ${counted.length > 0 ? average : '—'} against the pass mark ${passMark}: ${passed ? 'passed' : 'not passed'}`,
    },
  };
}
