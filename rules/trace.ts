// The calculation trace: every step names its article, parameters, inputs, figures
// and the policy version, with a Chinese and an English sentence.

import { COMPONENT_NAMES } from './codes.js';
import type { ComponentName } from './codes.js';
import { COMPONENT_LABELS } from './labels.js';
import type { Label } from './labels.js';
import { formatYuan } from './money.js';
import type { Scalar, TraceStep } from './types.js';

export type StepDraft = {
  step: string;
  article: string;
  parameters?: Record<string, Scalar>;
  inputs?: Record<string, Scalar | Scalar[]>;
  figures?: Record<string, Scalar>;
  result: Scalar;
  textZh: string;
  textEn: string;
};

export class Trace {
  readonly steps: TraceStep[] = [];
  /**
   * kept false: the amounts only (the policy preview's years that do not change). Every
   * call site checks `kept` before building its step, so no sentence is written.
   */
  constructor(
    readonly policyVersion: string,
    readonly kept = true,
  ) {}

  add(draft: StepDraft): void {
    this.steps.push({
      step: draft.step,
      article: draft.article,
      policyVersion: this.policyVersion,
      parameters: draft.parameters ?? {},
      inputs: draft.inputs ?? {},
      figures: draft.figures ?? {},
      result: draft.result,
      textZh: draft.textZh,
      textEn: draft.textEn,
    });
  }
}

export function zhYuan(fen: number): string {
  return `${formatYuan(fen)}元`;
}

export function enYuan(fen: number): string {
  return `CNY ${formatYuan(fen)}`;
}

/** A component inside a sentence: the catalogue's words (rules/labels.ts), the English lower-cased. */
export const COMPONENT_LABEL = Object.fromEntries(
  COMPONENT_NAMES.map((name) => {
    const { zh, en } = COMPONENT_LABELS[name];
    return [name, { zh, en: en.charAt(0).toLowerCase() + en.slice(1) }];
  }),
) as Record<ComponentName, Label>;
