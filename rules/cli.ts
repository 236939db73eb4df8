// Command line for officers and checks: a thin shell over the pure API.
//   npm run --silent rules -- evaluate FILE      (FILE a path, or - for stdin)
//   npm run --silent rules -- explain FILE [--lang zh|en]
//   npm run --silent rules -- preview PATCH [--book FILE | --database URL] [--traces changed|all|none] [--csv]
//   npm run --silent rules -- export-book [--database URL] [--out FILE]
// Exit 0 with the result; 2 on bad input (the message names the field); 1 otherwise.
// preview: PATCH is a candidate version as JSON or YAML (a path, or - for stdin); without
// --book or --database, DATABASE_URL is read.

import { readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { evaluate, explain, parseBook, parseCandidate, parseEvaluationInput, previewBook, previewCase, previewRows, PREVIEW_COLUMNS, RulesInputError } from './index.js';
import type { Book, FieldError, Lang } from './index.js';

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

// ---- preview and export-book ----

class CliInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new CliInputError([{ field: name, message: 'needs a value' }]);
  return value;
}

function readData(file: string, field: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliInputError([{ field, message: `cannot read ${file}: ${(e as Error).message}` }]);
  }
  try {
    // YAML is a superset of JSON: one reader for both.
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new CliInputError([{ field, message: `not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}` }]);
  }
}

async function bookFromDatabase(url: string): Promise<Book> {
  // Imported on demand: the pure rules never load the database client.
  const { openDatabase } = await import('../db/client.js');
  const { loadBook } = await import('../api/repositories/book.js');
  const handle = await openDatabase({ url, maxConnections: 4 });
  try {
    return await loadBook(handle.db);
  } finally {
    await handle.close();
  }
}

async function bookFrom(args: string[]): Promise<Book> {
  const file = option(args, '--book');
  const url = option(args, '--database') ?? (file === undefined ? process.env.DATABASE_URL : undefined);
  if (file !== undefined && url !== undefined) throw new CliInputError([{ field: '--book', message: 'give --book or --database, not both' }]);
  if (file !== undefined) {
    const parsed = parseBook(readData(file, '--book'));
    if (!parsed.ok) throw new CliInputError(parsed.errors.map((e) => ({ field: `book.${e.field}`, message: e.message })));
    return parsed.book;
  }
  if (url === undefined) throw new CliInputError([{ field: '--book', message: 'give a book file (--book) or a database (--database URL, or DATABASE_URL)' }]);
  return bookFromDatabase(url);
}

async function previewCommand(args: string[], out: (text: string) => void): Promise<void> {
  const [patchFile, ...rest] = args;
  if (patchFile === undefined || patchFile.startsWith('--')) throw new CliInputError([{ field: 'PATCH', message: 'give the candidate version file (JSON or YAML), or - for stdin' }]);
  const traces = option(rest, '--traces') ?? 'changed';
  if (traces !== 'changed' && traces !== 'all' && traces !== 'none') throw new CliInputError([{ field: '--traces', message: 'must be changed, all or none' }]);
  const candidate = parseCandidate(readData(patchFile, 'PATCH'));
  if (!candidate.ok) throw new CliInputError(candidate.errors);
  const detail = option(rest, '--detail') ?? 'years';
  if (detail !== 'years' && detail !== 'cases') throw new CliInputError([{ field: '--detail', message: 'must be years or cases' }]);
  const caseId = option(rest, '--case');
  if (caseId !== undefined) {
    const opened = previewCase(await bookFrom(rest), candidate.candidate, caseId, { traces: option(rest, '--traces') === undefined ? 'all' : traces });
    if (!opened.found) throw new CliInputError([{ field: '--case', message: opened.reason === 'error' ? `${opened.field}: ${opened.message}` : opened.reason === 'not-in-book' ? `case ${caseId} is not in the book` : `every support year of case ${caseId} is decided` }]);
    out(`${JSON.stringify({ candidate: opened.candidate, case: opened.case }, null, 2)}\n`);
    return;
  }
  if (rest.includes('--csv') && detail === 'cases') throw new CliInputError([{ field: '--detail', message: 'the CSV table has a row per support year: leave --detail out' }]);
  const preview = previewBook(await bookFrom(rest), candidate.candidate, { traces, detail });
  if (rest.includes('--csv')) {
    const rows = previewRows(preview);
    const cell = (v: string | number | null) => (v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
    out(`${[PREVIEW_COLUMNS.join(','), ...rows.map((r) => PREVIEW_COLUMNS.map((k) => cell(r[k])).join(','))].join('\n')}\n`);
  } else {
    out(`${JSON.stringify(preview, null, 2)}\n`);
  }
}

async function exportBookCommand(args: string[], out: (text: string) => void): Promise<void> {
  const url = option(args, '--database') ?? process.env.DATABASE_URL;
  if (url === undefined) throw new CliInputError([{ field: '--database', message: 'give the database URL (or set DATABASE_URL)' }]);
  const json = `${JSON.stringify(await bookFromDatabase(url))}\n`;
  const file = option(args, '--out');
  if (file === undefined) out(json);
  else writeFileSync(file, json);
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
