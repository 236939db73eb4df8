// What one evaluation of one program works with.

import type { ProgramCode, Qualification } from './codes.js';
import type { PolicyVersion, ProgramDefinition } from './policy/types.js';
import type { Trace } from './trace.js';
import type { EvaluationInput, Facts, PriorAward, PriorYear, Reason } from './types.js';
import { articleZh } from './codes.js';

export interface EvalContext {
  input: EvaluationInput;
  code: ProgramCode;
  def: ProgramDefinition;
  version: PolicyVersion;
  article: string;
  supportYear: number;
  facts: Facts;
  qualifications: readonly Qualification[];
  priorAwards: readonly PriorAward[];
  priorYears: readonly PriorYear[];
  trace: Trace;
  reasons: Reason[];
  notes: Reason[];
}

export function programArticle(def: ProgramDefinition): string {
  return articleZh(def.article);
}
