// What a candidate sets differently from the version it builds on, path by path
// (components by name), so a reader sees the change before its cost.

import type { PolicyVersion } from '../policy/types.js';
import type { ParameterChange } from './result.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function diff(path: string, from: unknown, to: unknown, out: ParameterChange[]): void {
  if (isPlainObject(from) && isPlainObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) diff(path ? `${path}.${key}` : key, from[key], to[key], out);
    return;
  }
  if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ path, from: from ?? null, to: to ?? null });
}

export function parameterChanges(base: PolicyVersion, candidate: PolicyVersion): ParameterChange[] {
  const out: ParameterChange[] = [];
  diff('readings', base.readings, candidate.readings, out);
  for (const code of Object.keys(candidate.programs) as (keyof PolicyVersion['programs'])[]) {
    const { components: baseComponents, ...baseRest } = base.programs[code];
    const { components: candComponents, ...candRest } = candidate.programs[code];
    diff(`programs.${code}`, baseRest, candRest, out);
    for (const c of candComponents) {
      diff(`programs.${code}.components.${c.name}`, baseComponents.find((b) => b.name === c.name), c, out);
    }
  }
  return out;
}
