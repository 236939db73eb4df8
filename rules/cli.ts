// Command line for officers and checks: a thin shell over the pure API.
//   npm run --silent rules -- evaluate FILE      (FILE a path, or - for stdin)
//   npm run --silent rules -- explain FILE [--lang zh|en]
//   npm run --silent rules -- preview PATCH [--book FILE | --database URL] [--traces changed|all|none] [--csv]
//   npm run --silent rules -- export-book [--database URL] [--out FILE]
// Exit 0 with the result; 2 on bad input (the message names the field); 1 otherwise.

import { readFileSync } from 'node:fs';
import { CliInputError, exportBookCommand, previewCommand } from './cli-preview.js';
import { evaluate, explain, parseEvaluationInput, RulesInputError } from './index.js';
import type { FieldError, Lang } from './index.js';

const USAGE = [
  'usage: rules evaluate FILE | rules explain FILE [--lang zh|en]   (FILE a path, or - for stdin)',
  '       rules preview PATCH [--book FILE | --database URL] [--traces changed|all|none] [--csv]',
  '       rules export-book [--database URL] [--out FILE]',
].join('\n');

function badInput(errors: FieldError[]): never {
  for (const e of errors) process.stderr.write(`invalid input: ${e.field}: ${e.message}\n`);
  process.stderr.write(`${JSON.stringify({ errors })}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, file, ...rest] = argv;
  if (command === 'preview' || command === 'export-book') {
    const write = (text: string) => process.stdout.write(text);
    try {
      await (command === 'preview' ? previewCommand(argv.slice(1), write) : exportBookCommand(argv.slice(1), write));
    } catch (e) {
      if (e instanceof CliInputError) badInput(e.errors);
      throw e;
    }
    return;
  }
  if ((command !== 'evaluate' && command !== 'explain') || file === undefined) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  let lang: Lang | 'both' = 'both';
  const li = rest.indexOf('--lang');
  if (li >= 0) {
    const v = rest[li + 1];
    if (v !== 'zh' && v !== 'en') badInput([{ field: '--lang', message: 'must be zh or en' }]);
    lang = v;
  }
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    badInput([{ field: 'FILE', message: `cannot read ${file}: ${(e as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    badInput([{ field: '(input)', message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const parsed = parseEvaluationInput(json);
  if (!parsed.ok) badInput(parsed.errors);
  let result;
  try {
    result = evaluate(parsed.value);
  } catch (e) {
    if (e instanceof RulesInputError) badInput(e.errors);
    throw e;
  }
  if (command === 'evaluate') {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (lang === 'both') {
    process.stdout.write(`${explain(result, 'zh')}\n${explain(result, 'en')}`);
  } else {
    process.stdout.write(explain(result, lang));
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
