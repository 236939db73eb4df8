// The lint rule that keeps workflow code deterministic really refuses I/O imports.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('workflow lint rule', () => {
  it('refuses Node built-ins, database and HTTP imports and process in workflows/', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import postgres from 'postgres';",
      "import Fastify from 'fastify';",
      'export const used = [readFileSync, postgres, Fastify, process.env];',
    ].join('\n');
    const ids = await ruleIdsFor('workflows/probe.ts', code);
    expect(ids.filter((id) => id === '@typescript-eslint/no-restricted-imports')).toHaveLength(3);
    expect(ids).toContain('no-restricted-globals');
  });

  it('allows activities by type only', async () => {
    const typeOnly = "import type { Activities } from '../activities/index.js';\nexport type A = Activities;\n";
    expect(await ruleIdsFor('workflows/probe.ts', typeOnly)).toEqual([]);
    const value = "import { createActivities } from '../activities/index.js';\nexport const a = createActivities;\n";
    expect(await ruleIdsFor('workflows/probe.ts', value)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('leaves activities free to do I/O', async () => {
    expect(await ruleIdsFor('activities/probe.ts', "import postgres from 'postgres';\nexport const p = postgres;\n")).toEqual([]);
  });
});
