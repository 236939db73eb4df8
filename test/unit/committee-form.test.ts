// The committee's decision form offers only the programs that may stand (第十三条).
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { committeeFormSchema } from '../../api/committee-form.js';
import { committeeBody } from '../../api/decisions.js';
import type { EvaluationResult } from '../../rules/index.js';

const schema = z.toJSONSchema(committeeBody, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
const propertiesOf = (s: Record<string, unknown>) => s.properties as Record<string, { enum?: string[] }>;
const assessed = (alternatives: string[]) => ({ alternatives: alternatives.map((program) => ({ program })) }) as unknown as EvaluationResult;

describe('the committee form', () => {
  it('offers the program applied for and the more favourable ones the assessment lists', () => {
    const narrowed = committeeFormSchema(schema, 'A4-COMPUTE-FILED', assessed(['A4-COMPUTE-KEY']));
    expect(propertiesOf(narrowed).standingProgram?.enum).toEqual(['A4-COMPUTE-FILED', 'A4-COMPUTE-KEY']);
    expect(Object.keys(propertiesOf(narrowed))).toEqual(Object.keys(propertiesOf(schema)));
  });

  it('leaves the choice out when the assessment lists no alternative, or there is none yet', () => {
    for (const assessment of [assessed([]), undefined]) {
      const narrowed = committeeFormSchema(schema, 'A6-PLATFORM', assessment);
      expect(propertiesOf(narrowed).standingProgram).toBeUndefined();
      expect(propertiesOf(narrowed).amountFen).toEqual(propertiesOf(schema).amountFen);
    }
  });

  it('does not change the schema every form is made from', () => {
    const before = JSON.stringify(schema);
    committeeFormSchema(schema, 'A4-COMPUTE-FILED', assessed(['A4-COMPUTE-KEY']));
    expect(JSON.stringify(schema)).toBe(before);
  });
});
