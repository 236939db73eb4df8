// The English side of every sentence the rules write (trace steps, reasons, notes,
// alternatives, year over year, the panel, the approval split, `explain --lang en`)
// is English: no Chinese characters, no article cited as 第X条, and no raw code of a
// recognition, a fact or a program where a person reads words. Walks every case of
// test/rules/cases (each program, eligible or not) and the A6 example.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  aggregatePanelScores,
  allocateApproved,
  articleEn,
  articleEnOf,
  articleZh,
  evaluate,
  expertSpecialty,
  explain,
  FACT_NAMES,
  getPolicyVersion,
  parseEvaluationInput,
  PROGRAM_CODES,
  PROGRAM_LABELS,
  QUALIFICATIONS,
  RulesInputError,
  standingAssessment,
  yearOverYear,
} from '../../rules/index.js';
import type { EvaluationInput, EvaluationResult } from '../../rules/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const CJK = /[\u4e00-\u9fff]/;
const RAW_CODES = [...QUALIFICATIONS, ...FACT_NAMES, ...PROGRAM_CODES];

interface CaseFile { program: string; base: Record<string, unknown>; cases: { name: string; input: Record<string, unknown> }[] }

function inputsToWalk(): { name: string; input: EvaluationInput }[] {
  const walked: { name: string; input: EvaluationInput }[] = [];
  const dir = join(here, 'cases');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = parse(readFileSync(join(dir, f), 'utf8')) as CaseFile;
    for (const c of file.cases) {
      const applicant = { ...((file.base.applicant ?? {}) as object), ...((c.input.applicant ?? {}) as object) };
      const parsed = parseEvaluationInput({ program: file.program, ...file.base, ...c.input, applicant });
      if (parsed.ok) walked.push({ name: `${f}: ${c.name}`, input: parsed.value });
    }
  }
  const example = parseEvaluationInput(JSON.parse(readFileSync(join(here, 'fixtures', 'a6-example.json'), 'utf8')));
  if (example.ok) walked.push({ name: 'a6-example.json', input: example.value });
  return walked;
}

function evaluated(input: EvaluationInput): EvaluationResult | null {
  try {
    return evaluate(input);
  } catch (e) {
    if (e instanceof RulesInputError) return null; // a case that expects a missing fact
    throw e;
  }
}

/** Every English sentence one evaluation leads to, named by where it comes from. */
function englishOf(input: EvaluationInput, result: EvaluationResult): [string, string][] {
  const version = getPolicyVersion(result.policyVersion);
  const texts: [string, string][] = [];
  const add = (r: EvaluationResult, where: string) => {
    r.trace.forEach((s) => texts.push([`${where} trace ${s.step}`, s.textEn]));
    r.reasons.forEach((x) => texts.push([`${where} reason ${x.code}`, x.message]));
    r.notes.forEach((x) => texts.push([`${where} note ${x.code}`, x.message]));
  };
  add(result, 'result');
  for (const alt of result.alternatives) {
    texts.push([`alternative ${alt.program}`, alt.message]);
    alt.trace.forEach((s) => texts.push([`alternative ${alt.program} trace ${s.step}`, s.textEn]));
    add(standingAssessment(version, result, alt.program), `standing ${alt.program}`);
  }
  if (result.alternatives.length > 0) add(standingAssessment(version, result, result.program), 'standing as applied');
  // explain's first line names the program by its code beside its title, on purpose.
  texts.push(['explain', explain(result, 'en').split('\n').slice(1).join('\n')]);
  texts.push(['allocation', allocateApproved(version, result, Math.floor(result.amountFen / 2)).trace.textEn]);
  texts.push(['panel specialty', expertSpecialty(version, result.program).trace.textEn]);
  texts.push(['panel scores', aggregatePanelScores(version, result.program, [70, 80, 90, 60, 85]).trace.textEn]);
  if (result.supportYear > 1) {
    const first = evaluated({ ...input, supportYear: 1, priorYears: [] });
    if (first) {
      const diff = yearOverYear(first, result);
      texts.push(['year over year', diff.textEn]);
      diff.lines.forEach((l) => texts.push([`year over year ${l.step}`, l.textEn]));
    }
  }
  return texts;
}

/** Words the input itself gave (another policy's name or program): shown as given. */
function givenWords(input: EvaluationInput): string[] {
  return (input.applicant.priorAwards ?? []).flatMap((a) => [a.policy, a.policy === undefined ? undefined : a.program]).filter((w): w is string => w !== undefined);
}

describe('English text of the rules', () => {
  const walked = inputsToWalk();

  it('walks every program, eligible and not', () => {
    const results = walked.map((w) => evaluated(w.input)).filter((r): r is EvaluationResult => r !== null);
    expect(new Set(results.map((r) => r.program))).toEqual(new Set(PROGRAM_CODES));
    expect(results.some((r) => !r.eligible)).toBe(true);
    expect(results.some((r) => r.alternatives.length > 0)).toBe(true);
    expect(results.some((r) => r.overlaps.length > 0)).toBe(true);
  });

  it('has no Chinese characters and no raw recognition, fact or program codes', () => {
    let checked = 0;
    for (const { name, input } of walked) {
      const result = evaluated(input);
      if (!result) continue;
      for (const [where, raw] of englishOf(input, result)) {
        const text = givenWords(input).reduce((t, w) => t.replaceAll(w, ''), raw);
        expect(text, `${name} / ${where}`).not.toMatch(CJK);
        for (const code of RAW_CODES) expect(new RegExp(`(^|[^\\w-])${code}($|[^\\w-])`).test(text), `${name} / ${where} names ${code}: ${text}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('names articles and programs as the workspace does', () => {
    expect(articleEn(13)).toBe('Art. 13');
    expect(articleEnOf(articleZh(14))).toBe('Art. 14');
    const keyWithFiling = walked.find((w) => w.input.program === 'A4-COMPUTE-KEY' && (w.input.applicant.qualifications ?? []).includes('national-genai-filing'));
    const result = keyWithFiling && evaluated(keyWithFiling.input);
    const alternative = result?.alternatives[0];
    expect(alternative?.message).toContain(`“${PROGRAM_LABELS['A4-COMPUTE-FILED'].en}” (Art. 4)`);
    expect(result?.trace.find((s) => s.step === 'eligibility.qualification')?.textEn).toBe('Holds the program qualification: Beijing AI key enterprise');
    expect(explain(result!, 'en')).toContain('[Art. 13] Also qualifies for');
  });
});
