// The committee's decision form offers only the programs that may stand for this case
// (第十三条): the one applied for and the more favourable ones its assessment lists.
// With no alternative listed there is nothing to choose, and the field is left out.
import type { EvaluationResult } from '../rules/index.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

export function committeeFormSchema(schema: Record<string, unknown>, caseProgram: string, assessment: EvaluationResult | undefined): Record<string, unknown> {
  const { properties = {}, ...rest } = schema as JsonSchema;
  const alternatives = (assessment?.alternatives ?? []).map((a) => a.program);
  // The fields keep their order: the form shows them in it.
  const fields = Object.entries(properties).flatMap(([name, field]) => {
    if (name !== 'standingProgram') return [[name, field] as const];
    return alternatives.length === 0 ? [] : [[name, { ...field, enum: [caseProgram, ...alternatives] }] as const];
  });
  return { ...rest, properties: Object.fromEntries(fields) };
}
