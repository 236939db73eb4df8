// Each program's name as people read it (zh and en), from the policy version in force
// on a date: dashboards and forms show names, never program codes alone.
import { z } from 'zod';
import { listPolicyVersions, policyVersionInForce, PROGRAM_CODES } from '../rules/index.js';
import type { PolicyVersion } from '../rules/index.js';

export const programTitle = z.object({ code: z.enum(PROGRAM_CODES), article: z.number().int(), titleZh: z.string(), titleEn: z.string() });
export type ProgramTitle = z.infer<typeof programTitle>;

export function programTitles(onDate: string): ProgramTitle[] {
  let version: PolicyVersion;
  try {
    version = policyVersionInForce(onDate);
  } catch {
    // Before the first version took effect: its names are the ones there are.
    version = listPolicyVersions()[0]!;
  }
  return PROGRAM_CODES.map((code) => {
    const { article, titleZh, titleEn } = version.programs[code];
    return { code, article, titleZh, titleEn };
  });
}
