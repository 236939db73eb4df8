// Runs every case file of test/rules/cases through parse + evaluate and checks the
// independently worked expectations written in the files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RulesInputError, evaluate, parseEvaluationInput } from '../../rules/index.js';
import type { EvaluationResult, FieldError } from '../../rules/index.js';

interface Expect {
  error?: string;
  eligible?: boolean;
  amountFen?: number;
  policyVersion?: string;
  supportYear?: number;
  article?: string;
  level?: string;
  decided?: boolean;
  components?: Record<string, number>;
  capped?: Record<string, boolean>;
  traceArticles?: string[];
  reasons?: { code: string; article: string }[];
  alternatives?: { program: string; amountFen: number }[];
  overlaps?: { component: string; stands: string; payableFen: number }[];
}
interface Case { name: string; input: Record<string, unknown>; expect: Expect }
interface CaseFile { program: string; base: Record<string, unknown>; cases: Case[] }

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function buildInput(file: CaseFile, c: Case): Record<string, unknown> {
  const baseApplicant = (file.base.applicant ?? {}) as Record<string, unknown>;
  const caseApplicant = (c.input.applicant ?? {}) as Record<string, unknown>;
  return { program: file.program, ...file.base, ...c.input, applicant: { ...baseApplicant, ...caseApplicant } };
}

function run(input: unknown): { result: EvaluationResult } | { errors: FieldError[] } {
  const parsed = parseEvaluationInput(input);
  if (!parsed.ok) return { errors: parsed.errors };
  try {
    return { result: evaluate(parsed.value) };
  } catch (e) {
    if (e instanceof RulesInputError) return { errors: e.errors };
    throw e;
  }
}

let total = 0;
for (const f of files) {
  const file = parse(readFileSync(join(dir, f), 'utf8')) as CaseFile;
  describe(f, () => {
    for (const c of file.cases) {
      total++;
      it(c.name, () => {
        const out = run(buildInput(file, c));
        const x = c.expect;
        if (x.error !== undefined) {
          expect('errors' in out, `expected an error naming ${x.error}`).toBe(true);
          if ('errors' in out) expect(out.errors.map((e) => e.field)).toContain(x.error);
          return;
        }
        if ('errors' in out) throw new Error(`unexpected input error: ${JSON.stringify(out.errors)}`);
        const r = out.result;
        if (x.eligible !== undefined) expect(r.eligible).toBe(x.eligible);
        if (x.amountFen !== undefined) expect(r.amountFen).toBe(x.amountFen);
        expect(r.amountFen).toBe(r.components.reduce((s, k) => s + k.amountFen, 0));
        expect(r.policyVersion).toBe(x.policyVersion ?? r.policyVersion);
        if (x.supportYear !== undefined) expect(r.supportYear).toBe(x.supportYear);
        if (x.article !== undefined) expect(r.article).toBe(x.article);
        if (x.level !== undefined) expect(r.level).toBe(x.level);
        if (x.decided !== undefined) expect(r.decision.decided).toBe(x.decided);
        for (const [name, amount] of Object.entries(x.components ?? {})) {
          expect(r.components.find((k) => k.name === name)?.amountFen, `component ${name}`).toBe(amount);
        }
        for (const [name, capped] of Object.entries(x.capped ?? {})) {
          expect(r.components.find((k) => k.name === name)?.capped, `capped ${name}`).toBe(capped);
        }
        const traceArticles = new Set(r.trace.map((s) => s.article));
        for (const a of x.traceArticles ?? []) expect(traceArticles, `trace cites ${a}`).toContain(a);
        expect(traceArticles).toContain(r.article);
        for (const s of r.trace) expect(s.policyVersion).toBe(r.policyVersion);
        const reasons = r.reasons.map((k) => `${k.code}@${k.article}`).sort();
        expect(reasons).toEqual((x.reasons ?? []).map((k) => `${k.code}@${k.article}`).sort());
        for (const k of x.reasons ?? []) {
          expect(r.trace.map((s) => s.article), `trace cites ${k.article}`).toContain(k.article);
        }
        expect(r.alternatives.map((a) => ({ program: a.program, amountFen: a.amountFen }))).toEqual(x.alternatives ?? []);
        expect(r.overlaps.map((o) => ({ component: o.component, stands: o.stands, payableFen: o.payableFen }))).toEqual(x.overlaps ?? []);
      });
    }
  });
}

describe('case files', () => {
  it('cover every program code', async () => {
    const { PROGRAM_CODES } = await import('../../rules/index.js');
    const seen = new Set<string>();
    for (const f of files) {
      const file = parse(readFileSync(join(dir, f), 'utf8')) as CaseFile;
      for (const c of file.cases) seen.add(String(c.input.program ?? file.program));
    }
    for (const code of PROGRAM_CODES) expect(seen, code).toContain(code);
    expect(total).toBeGreaterThan(100);
  });
});
