// Annual notices (第十三条): which programs are open in a year, the application and
// reporting windows, budgets and the durations cases under the notice run on.
import { z } from 'zod';
import { PROGRAM_CODES } from '../rules/index.js';
import type { ProgramCode } from '../rules/index.js';
import { DEFAULT_CASE_SETTINGS } from '../domain/vocabulary.js';
import type { CaseSettings } from '../domain/vocabulary.js';

export const isoDate = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' });

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The duration in milliseconds, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const key = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0]!;
  return Number(match[1]) * UNIT_MS[key]!;
}

/** The shortest and longest step a case may be told to wait: no busy loop, nothing past a year. */
export const DURATION_BOUNDS = { minMs: 1_000, maxMs: 366 * 86_400_000 } as const;

/** A Temporal duration string such as "10 days", "36h" or "30s", from 1 second to 366 days. */
export const duration = z
  .string()
  .regex(DURATION, { error: 'must be a duration such as "10 days", "36h" or "30s"' })
  .check((ctx) => {
    const ms = durationMs(ctx.value);
    if (ms !== undefined && (ms < DURATION_BOUNDS.minMs || ms > DURATION_BOUNDS.maxMs)) {
      ctx.issues.push({ code: 'custom', message: 'must be between 1 second and 366 days', input: ctx.value });
    }
  })
  .describe('a duration such as "10 days", "36h" or "30s", from 1 second to 366 days');

export const caseSettingsPatch = z.strictObject({
  taskDue: duration.optional(),
  escalationStep: duration.optional(),
  correctionPeriod: duration.optional(),
  expertDeclarationPeriod: duration.optional(),
  expertScoringPeriod: duration.optional(),
  noticePeriod: duration.optional(),
  panelSize: z
    .int()
    .min(3, { error: 'a panel has at least 3 experts' })
    .max(15)
    .refine((n) => n % 2 === 1, { error: 'a panel has an odd number of experts' })
    .optional(),
  paymentAttempts: z.int().min(1).max(20).optional(),
  reportReminderBefore: duration.optional(),
  noticePollInterval: duration.optional(),
  secondOfficerChangeBp: z
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .describe('basis points of the previous support year’s amount (2000 = 20%, the default): a later year whose amount moves by more, either way, needs a second officer to countersign its verification'),
});
export type CaseSettingsPatch = z.infer<typeof caseSettingsPatch>;

export const programBudget = z.strictObject({ budgetFen: z.int().min(0, { error: 'must not be negative' }) });
export const noticePrograms = z
  .partialRecord(z.enum(PROGRAM_CODES), programBudget)
  .refine((p) => Object.keys(p).length > 0, { error: 'a notice opens at least one program' });
export type NoticePrograms = Partial<Record<ProgramCode, { budgetFen: number }>>;

export interface Notice {
  year: number;
  applicationOpensOn: string;
  applicationClosesOn: string;
  reportingOpensOn: string;
  reportingClosesOn: string;
  programs: NoticePrograms;
  settings: CaseSettingsPatch;
  createdBy: string;
  createdAt: string;
}

/** The settings a case under this notice runs on: the notice's over the defaults. */
export function caseSettingsOf(notice: Pick<Notice, 'settings'>): CaseSettings {
  return { ...DEFAULT_CASE_SETTINGS, ...notice.settings };
}

export type WindowCheck = { open: true } | { open: false; reason: string };

/** May an application for `program` be submitted on `date` under this notice? */
export function applicationWindow(notice: Notice | undefined, program: ProgramCode, date: string): WindowCheck {
  const year = Number(date.slice(0, 4));
  if (!notice) return { open: false, reason: `no annual notice has been published for ${year}: applications are not accepted` };
  if (!notice.programs[program]) return { open: false, reason: `program ${program} is not open in the ${notice.year} annual notice` };
  if (date < notice.applicationOpensOn) return { open: false, reason: `the ${notice.year} application window opens on ${notice.applicationOpensOn}` };
  if (date > notice.applicationClosesOn) return { open: false, reason: `the ${notice.year} application window closed on ${notice.applicationClosesOn}` };
  return { open: true };
}
