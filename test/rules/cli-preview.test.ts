// The preview's command line: a YAML candidate against a book file, and a bad patch
// named field by field (exit 2), as for evaluate.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticBook } from '../../scripts/preview/synthetic-book.js';

const dir = mkdtempSync(join(tmpdir(), 'preview-cli-'));
const bookFile = join(dir, 'book.json');
writeFileSync(bookFile, JSON.stringify(syntheticBook({ cases: 60, seed: 3 })));

function rules(args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'rules', '--', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rules preview CLI', { timeout: 60_000 }, () => {
  it('previews a YAML candidate against a book file as JSON, and the per-case table as CSV', () => {
    const patch = join(dir, 'candidate.yaml');
    writeFileSync(patch, ['id: cli-a6-operating', 'effectiveFrom: 2025-02-01', 'basedOn: 2025-draft', 'titleZh: 运营经费上限调整', 'titleEn: A6 operating cap raised', 'programs:', '  A6-PLATFORM:', '    components:', '      operating:', '        capFen: 600000000', ''].join('\n'));
    const r = rules(['preview', patch, '--book', bookFile, '--traces', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.candidate.changes).toEqual([{ path: 'programs.A6-PLATFORM.components.operating.capFen', from: 500_000_000, to: 600_000_000 }]);
    expect(out.book.cases).toBeGreaterThan(0);
    // Only programs the candidate sets differently move (A6, and for cases under 2027-recognitions
    // the programs that version changed, since the candidate builds on 2025-draft).
    const moved = (out.cases as { caseId: string; program: string; ownVersion: string; deltaFen: number; programChanged: boolean }[]).filter((c) => c.deltaFen !== 0);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((c) => c.programChanged && (c.program === 'A6-PLATFORM' || c.ownVersion === '2027-recognitions'))).toBe(true);
    const sums = JSON.parse(rules(['preview', patch, '--book', bookFile, '--detail', 'cases']).stdout);
    expect(sums.totals).toEqual(out.totals);
    expect(sums.cases.every((c: { years?: unknown }) => c.years === undefined)).toBe(true);
    const opened = rules(['preview', patch, '--book', bookFile, '--case', moved[0]!.caseId]);
    expect(opened.code, opened.stderr).toBe(0);
    const one = JSON.parse(opened.stdout).case;
    expect(one.deltaFen).toBe(moved[0]!.deltaFen);
    expect(one.years.every((y: { own: { trace: unknown[] }; candidate: { trace: unknown[] } }) => y.own.trace.length > 0 && y.candidate.trace.length > 0)).toBe(true);
    const unknown = rules(['preview', patch, '--book', bookFile, '--case', 'no-such-case']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--case: case no-such-case is not in the book');
    const csv = rules(['preview', patch, '--book', bookFile, '--csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('caseId,program,enterpriseId,kind,submittedOn,ownVersion,applies,touch,supportYear,budgetYear,figuresFrom,component,ownFen,candidateFen,deltaFen,effectiveDeltaFen');
  });

  it('exits 2 naming each bad field of the patch', () => {
    const patch = join(dir, 'bad.json');
    writeFileSync(patch, JSON.stringify({ id: 'cli-bad', effectiveFrom: '2025-02-01', basedOn: '2025-draft', titleZh: 'x', titleEn: 'x', programs: { 'A6-PLATFORM': { components: { operating: { ratioBp: 5000 } } } } }));
    const r = rules(['preview', patch, '--book', bookFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid input: programs.A6-PLATFORM.components.operating.ratioBp: this actual-capped component takes capFen, not ratioBp');
  });
});
