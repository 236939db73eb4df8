// Each program's name as people read it (zh and en) with its article: dashboards and
// forms show names, never program codes alone. The names are the policy's own words,
// kept once in rules/labels.ts (PROGRAM_LABELS; every published version agrees).
import { z } from 'zod';
import { PROGRAM_CODES, PROGRAM_LABELS } from '../rules/index.js';

export const programTitle = z.object({ code: z.enum(PROGRAM_CODES), article: z.number().int(), titleZh: z.string(), titleEn: z.string() });
export type ProgramTitle = z.infer<typeof programTitle>;

export function programTitles(): ProgramTitle[] {
  return PROGRAM_CODES.map((code) => {
    const { article, zh, en } = PROGRAM_LABELS[code];
    return { code, article, titleZh: zh, titleEn: en };
  });
}
