// rules/ must stay pure: no Node built-ins, clock, randomness or environment, except the CLI shell.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('rules purity', () => {
  const sources = files(root).filter((p) => relative(root, p) !== 'cli.ts');
  it('has source files', () => expect(sources.length).toBeGreaterThan(10));
  for (const p of sources) {
    it(relative(root, p), () => {
      const text = readFileSync(p, 'utf8');
      expect(text).not.toMatch(/from ['"]node:/);
      expect(text).not.toMatch(/from ['"](fs|path|os|child_process|crypto|url)['"]/);
      expect(text).not.toMatch(/\bnew Date\b|Date\.now|Math\.random|performance\.now|\bprocess\./);
      expect(text).not.toMatch(/toLocale|parseFloat|toFixed/);
      expect(text).not.toMatch(/from ['"]\.{1,2}\/[^'"]*(?<!\.js)['"]/);
    });
  }
});
