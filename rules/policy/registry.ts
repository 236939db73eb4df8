// The policy versions known to the system, found by id or by effective date.

import type { ProgramCode } from '../codes.js';
import { isProgramCode } from '../codes.js';
import { isIsoDate } from '../dates.js';
import { applyPatch } from './merge.js';
import type { PolicyVersion, PolicyVersionPatch, ProgramDefinition } from './types.js';
import { draft2025 } from './versions/2025-draft.js';
import { recognitions2027 } from './versions/2027-recognitions.js';
import { finalExample2030 } from './versions/2030-final-example.js';

export class PolicyLookupError extends Error {
  constructor(
    message: string,
    readonly field: 'policyVersion' | 'submittedOn' | 'program',
  ) {
    super(message);
    this.name = 'PolicyLookupError';
  }
}

const FULL: readonly PolicyVersion[] = [draft2025];
/** In dependency order: a patch builds on a version listed before it. */
const PATCHES: readonly PolicyVersionPatch[] = [recognitions2027, finalExample2030];

function build(): PolicyVersion[] {
  const byId = new Map<string, PolicyVersion>();
  for (const v of FULL) byId.set(v.id, v);
  for (const p of PATCHES) {
    const base = byId.get(p.basedOn);
    if (!base) throw new Error(`policy version ${p.id} is based on unknown version ${p.basedOn}`);
    if (byId.has(p.id)) throw new Error(`duplicate policy version id ${p.id}`);
    byId.set(p.id, applyPatch(base, p));
  }
  const all = [...byId.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  for (let i = 0; i < all.length; i++) {
    const v = all[i]!;
    if (!isIsoDate(v.effectiveFrom)) throw new Error(`policy version ${v.id} has a bad effective date`);
    if (i > 0 && all[i - 1]!.effectiveFrom === v.effectiveFrom) throw new Error(`two policy versions start on ${v.effectiveFrom}`);
    for (const [code, def] of Object.entries(v.programs)) {
      if (def.code !== code) throw new Error(`policy version ${v.id}: program ${code} carries code ${def.code}`);
    }
  }
  return all;
}

const VERSIONS: readonly PolicyVersion[] = build();

/** All versions, oldest first. */
export function listPolicyVersions(): readonly PolicyVersion[] {
  return VERSIONS;
}

export function getPolicyVersion(id: string): PolicyVersion {
  const v = VERSIONS.find((x) => x.id === id);
  if (!v) {
    throw new PolicyLookupError(`unknown policy version "${id}" (known: ${VERSIONS.map((x) => x.id).join(', ')})`, 'policyVersion');
  }
  return v;
}

/** The version in force on a date: the latest whose effective date is on or before it. */
export function policyVersionInForce(onDate: string): PolicyVersion {
  if (!isIsoDate(onDate)) throw new PolicyLookupError(`"${onDate}" is not a date YYYY-MM-DD`, 'submittedOn');
  let found: PolicyVersion | undefined;
  for (const v of VERSIONS) if (v.effectiveFrom <= onDate) found = v;
  if (!found) {
    throw new PolicyLookupError(`no policy version is in force on ${onDate}: the first (${VERSIONS[0]?.id}) takes effect on ${VERSIONS[0]?.effectiveFrom}`, 'submittedOn');
  }
  return found;
}

export function programDefinition(versionId: string, code: ProgramCode): ProgramDefinition {
  if (!isProgramCode(code)) throw new PolicyLookupError(`unknown program code "${String(code)}"`, 'program');
  return getPolicyVersion(versionId).programs[code];
}
