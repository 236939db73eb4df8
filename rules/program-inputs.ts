// What a program of a policy version accepts as input: its facts (and those of the
// programs it is compared with under 第十三条) and the recognitions the version knows.
// Anything else is refused by name at every boundary (CLI, API), never ignored.

import type { FactName, ProgramCode, Qualification } from './codes.js';
import type { FieldError } from './errors.js';
import type { PolicyVersion, ProgramDefinition } from './policy/types.js';

/** The facts the program itself reads (not those of the programs it is compared with). */
export function ownFacts(def: ProgramDefinition): Set<FactName> {
  const facts = new Set<FactName>([...def.requiredFacts.firstYear, ...def.requiredFacts.laterYears, ...def.reportFacts.firstYear, ...def.reportFacts.laterYears]);
  for (const rule of def.components) {
    if ('baseFact' in rule) facts.add(rule.baseFact);
    if (rule.kind === 'area-rent') facts.add(rule.areaFact);
    if (rule.kind === 'fixed-yearly') facts.add(rule.monthsFact);
    if (rule.kind === 'decided') facts.add('decidedAmountFen');
  }
  if (def.continuationFact) facts.add(def.continuationFact);
  return facts;
}

/** Facts an input for this program may state: its own, and its alternatives' (so they can be compared). */
export function factsOfProgram(version: PolicyVersion, code: ProgramCode): ReadonlySet<FactName> {
  const def = version.programs[code];
  const facts = ownFacts(def);
  for (const other of def.alternatives) for (const f of ownFacts(version.programs[other])) facts.add(f);
  return facts;
}

/** The recognitions (qualifications) some program of the version asks for. */
export function recognitionsOf(version: PolicyVersion): ReadonlySet<Qualification> {
  const known = new Set<Qualification>();
  for (const def of Object.values(version.programs)) {
    for (const q of def.qualificationsAnyOf) known.add(q);
    if (def.levels) {
      known.add(def.levels.national);
      known.add(def.levels.provincial);
    }
  }
  return known;
}

/** Facts foreign to the program and qualifications the version does not recognise, each by field. */
export function programInputErrors(
  version: PolicyVersion,
  code: ProgramCode,
  given: { facts?: object | undefined; qualifications?: readonly Qualification[] | undefined },
  fields: { facts: string; qualifications: string },
): FieldError[] {
  const errors: FieldError[] = [];
  const accepted = factsOfProgram(version, code);
  for (const name of Object.keys(given.facts ?? {})) {
    if (!accepted.has(name as FactName)) errors.push({ field: `${fields.facts}.${name}`, message: `is not a fact of ${code} (it takes ${[...accepted].join(', ')})` });
  }
  const known = recognitionsOf(version);
  (given.qualifications ?? []).forEach((q, i) => {
    if (!known.has(q)) errors.push({ field: `${fields.qualifications}[${i}]`, message: `"${q}" is not a recognition of policy version ${version.id} (it knows ${[...known].join(', ')})` });
  });
  return errors;
}
