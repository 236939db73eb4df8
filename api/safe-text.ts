// Text the read model can store and people can read. PostgreSQL refuses a NUL in text
// and jsonb, and a lone UTF-16 surrogate has no UTF-8 form: either would reach an
// activity that fails on it forever. Control characters make no sense in a name or a
// reference; in free text (reasons, notes) only tab and line breaks do.
import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_PROSE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Why PostgreSQL could never store this text, or undefined when it can. */
export function unstorable(text: string): string | undefined {
  if (NUL.test(text)) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it holds a lone surrogate)';
  return undefined;
}

function textProblem(text: string, prose: boolean): string | undefined {
  const bad = unstorable(text);
  if (bad) return bad;
  if ((prose ? CONTROL_IN_PROSE : CONTROL_IN_LINE).test(text)) return prose ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters';
  return undefined;
}

const checked = (prose: boolean) =>
  z.string().check((ctx) => {
    const message = textProblem(ctx.value, prose);
    if (message) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });

/** One line of text: names, ids, references, tags. No control characters at all. */
export const safeLine = (): z.ZodString => checked(false);

/** Free text such as a reason or a note: tab, CR and LF allowed, other controls not. */
export const safeText = (): z.ZodString => checked(true);

/**
 * The first string (or object key) anywhere in a parsed request part that PostgreSQL
 * could never store, with its path, e.g. `body.evidence.0.reference`. Run on params,
 * query and body before validation, so even a part validated by hand (decision
 * bodies, the rules input) or a record key is covered.
 */
export function findUnstorable(value: unknown, path: string): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = unstorable(value);
    return message ? { field: path, message } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorable(item, `${path}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorable(key);
      if (keyProblem) return { field: `${path}.${JSON.stringify(key).slice(1, -1)}`, message: `is a field name that ${keyProblem}` };
      const found = findUnstorable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
