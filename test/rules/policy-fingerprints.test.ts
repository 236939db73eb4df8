// Published policy versions cannot change in place: each version's resolved data
// (after its patch is applied) is fingerprinted and compared with the fingerprint
// committed when it was published. A change goes into a new version. Adding a
// version means adding its line to policy-fingerprints.json (the test prints it).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listPolicyVersions } from '../../rules/index.js';

/** JSON with object keys sorted at every level, so the fingerprint does not depend on key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const fingerprint = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

const committed = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'policy-fingerprints.json'), 'utf8')) as Record<string, string>;

describe('published policy versions', () => {
  for (const version of listPolicyVersions()) {
    it(`${version.id} is unchanged since it was published`, () => {
      const actual = fingerprint(version);
      expect(committed[version.id], `no committed fingerprint for ${version.id}: add "${version.id}": "${actual}" to policy-fingerprints.json`).toBeDefined();
      expect(actual, `${version.id} changed in place; put the change in a new version`).toBe(committed[version.id]);
    });
  }
  it('every committed fingerprint names a version that still exists', () => {
    expect(Object.keys(committed).sort()).toEqual(listPolicyVersions().map((v) => v.id).sort());
  });
  it('the fingerprint sees any edit, however small', () => {
    const version = listPolicyVersions()[0]!;
    const program = version.programs['A6-PLATFORM'];
    const edited = { ...version, programs: { ...version.programs, 'A6-PLATFORM': { ...program, passMark: (program.passMark ?? 0) + 1 } } };
    expect(fingerprint(edited)).not.toBe(fingerprint(version));
    const reordered = Object.fromEntries(Object.entries(version).reverse());
    expect(fingerprint(reordered)).toBe(fingerprint(version));
  });
});
