// Builds a full policy version from the version it is based on and a patch.

import type { ComponentName, ProgramCode } from '../codes.js';
import type { ComponentPatch, ComponentRule, PolicyVersion, PolicyVersionPatch, ProgramDefinition, ProgramPatch } from './types.js';

function patchComponent(rule: ComponentRule, patch: ComponentPatch | undefined): ComponentRule {
  if (!patch) return rule;
  const allowed: Record<ComponentRule['kind'], readonly (keyof ComponentPatch)[]> = {
    ratio: ['ratioBp', 'capFen'],
    'area-rent': ['levelRatioBp', 'areaCapM2', 'capFen'],
    'actual-capped': ['capFen'],
    'fixed-yearly': ['amountFen', 'prorate'],
    decided: ['capFen'],
  };
  for (const key of Object.keys(patch) as (keyof ComponentPatch)[]) {
    if (!allowed[rule.kind].includes(key)) throw new Error(`patch sets ${key} on a ${rule.kind} component "${rule.name}"`);
  }
  return { ...rule, ...patch } as ComponentRule;
}

function patchProgram(def: ProgramDefinition, patch: ProgramPatch | undefined): ProgramDefinition {
  if (!patch) return def;
  const { components: componentPatches, ...rest } = patch;
  const names = new Set(def.components.map((c) => c.name));
  for (const name of Object.keys(componentPatches ?? {})) {
    if (!names.has(name as ComponentName)) throw new Error(`${def.code} has no component "${name}"`);
  }
  return {
    ...def,
    ...rest,
    components: def.components.map((c) => patchComponent(c, componentPatches?.[c.name])),
  };
}

export function applyPatch(base: PolicyVersion, patch: PolicyVersionPatch): PolicyVersion {
  const programs = { ...base.programs };
  for (const code of Object.keys(patch.programs ?? {}) as ProgramCode[]) {
    const def = programs[code];
    if (!def) throw new Error(`patch ${patch.id} names unknown program ${code}`);
    programs[code] = patchProgram(def, patch.programs?.[code]);
  }
  return {
    id: patch.id,
    effectiveFrom: patch.effectiveFrom,
    titleZh: patch.titleZh,
    titleEn: patch.titleEn,
    basedOn: patch.basedOn,
    note: patch.note,
    readings: { ...base.readings, ...patch.readings },
    programs,
  };
}
