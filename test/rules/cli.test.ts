// The command-line contract: npm run --silent rules -- evaluate FILE | explain FILE.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function rules(args: string[], stdin?: string) {
  const r = spawnSync('npm', ['run', '--silent', 'rules', '--', ...args], { input: stdin, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const example = JSON.stringify({
  program: 'A6-PLATFORM',
  submittedOn: '2025-03-10',
  supportYear: 1,
  applicant: { registeredInDistrict: true, blacklisted: false, qualifications: ['platform-national'], priorAwards: [{ program: 'A7-EVAL-CERT', year: 2024 }] },
  facts: { rentPaidFen: 600000000, areaUsedM2: 6000, operatingCostsFen: 300000000 },
});

describe('rules CLI', { timeout: 30_000 }, () => {
  it('evaluate - prints one JSON object and exits 0', () => {
    const r = rules(['evaluate', '-'], example);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // rent 400,000,000 + operating 300,000,000
    expect(out).toMatchObject({ program: 'A6-PLATFORM', policyVersion: '2025-draft', supportYear: 1, eligible: true, amountFen: 700000000, reasons: [], alternatives: [] });
    expect(out.components[0]).toMatchObject({ name: 'rent', amountFen: 400000000, capped: true });
    expect(out.trace.some((s: { article: string }) => s.article === '第六条')).toBe(true);
  });
  it('evaluate FILE reads a path', () => {
    const r = rules(['evaluate', 'test/rules/fixtures/a6-example.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).amountFen).toBe(700000000);
  });
  it('bad input exits 2 naming the field', () => {
    const bad = JSON.parse(example);
    bad.facts.areaUsedM2 = 'big';
    const r = rules(['evaluate', '-'], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('facts.areaUsedM2');
    expect(r.stdout).toBe('');
  });
  it('invalid JSON exits 2', () => {
    expect(rules(['evaluate', '-'], '{nope').code).toBe(2);
  });
  it('explain prints readable text', () => {
    const r = rules(['explain', '-', '--lang', 'en'], example);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CNY 7,000,000.00');
  });
});
