// Facts an eligible application must state before its amount can be computed.

import type { FactName } from './codes.js';
import type { EvalContext } from './context.js';
import type { FieldError } from './errors.js';
import type { ProgramDefinition } from './policy/types.js';
import type { Facts } from './types.js';

export function missingFacts(ctx: EvalContext): FieldError[] {
  return missingFactsOf(ctx.def, ctx.supportYear, ctx.facts);
}

/** The facts the program needs for a support year that are absent or inconsistent, by field. */
export function missingFactsOf(def: ProgramDefinition, supportYear: number, facts: Facts): FieldError[] {
  const errors: FieldError[] = [];
  const required: FactName[] = supportYear > 1 ? def.requiredFacts.laterYears : def.requiredFacts.firstYear;
  for (const name of required) {
    if (facts[name] === undefined) errors.push({ field: `facts.${name}`, message: `is required for ${def.code} (support year ${supportYear})` });
  }
  for (const rule of def.components) {
    // A prorated yearly amount needs the months: absent is not a full year.
    if (rule.kind === 'fixed-yearly' && rule.prorate && facts[rule.monthsFact] === undefined) {
      errors.push({ field: `facts.${rule.monthsFact}`, message: `is required for ${def.code}: its ${rule.name} amount is prorated by months operated` });
    }
    if (rule.kind === 'area-rent' && facts[rule.baseFact] !== undefined) {
      const area = facts[rule.areaFact];
      const rent = facts[rule.baseFact] ?? 0;
      if (area === undefined) errors.push({ field: `facts.${rule.areaFact}`, message: `is required with ${rule.baseFact} for ${def.code}` });
      else if (area === 0 && rent > 0) errors.push({ field: `facts.${rule.areaFact}`, message: 'must be above 0 when rent is claimed' });
    }
  }
  const optional = def.components.filter((c) => (c.kind === 'ratio' || c.kind === 'area-rent' || c.kind === 'actual-capped') && c.optional);
  const others = def.components.filter((c) => !optional.includes(c));
  if (optional.length > 0 && others.length === 0) {
    const claimed = optional.some((c) => 'baseFact' in c && facts[c.baseFact] !== undefined);
    if (!claimed) {
      const names = optional.map((c) => ('baseFact' in c ? c.baseFact : c.name));
      errors.push({ field: `facts.${names[0]}`, message: `${def.code} needs at least one of ${names.join(', ')}` });
    }
  }
  return errors;
}
