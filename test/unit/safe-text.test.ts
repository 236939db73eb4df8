// Text the read model can store: NUL and lone surrogates never; control characters
// never in a line, only tab and line breaks in prose.
import { describe, expect, it } from 'vitest';
import { durationMs } from '../../api/notice-rules.js';
import { findUnstorable, safeLine, safeText } from '../../api/safe-text.js';

describe('safeLine and safeText', () => {
  it.each(['a\u0000b', 'x\uD800', '\uDC00y', 'bell\u0007', 'tab\tin a name', 'line\nbreak', 'del\u007F'])('a line refuses %j', (value) => {
    expect(safeLine().safeParse(value).success).toBe(false);
  });

  it.each(['名称', 'emoji 😀 pairs', 'O’Brien & Co.'])('a line keeps %j', (value) => {
    expect(safeLine().safeParse(value).success).toBe(true);
  });

  it('prose keeps tab and line breaks and refuses other controls', () => {
    expect(safeText().safeParse('first\r\n\tsecond\n').success).toBe(true);
    expect(safeText().safeParse('esc\u001b[0m').success).toBe(false);
    expect(safeText().safeParse('nul\u0000').success).toBe(false);
  });
});

describe('findUnstorable', () => {
  it('names the first bad string or key with its path', () => {
    expect(findUnstorable({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'body')).toMatchObject({ field: 'body.a.1.c' });
    expect(findUnstorable({ scores: { 'in\u0000novation': 3 } }, 'body')?.field).toBe('body.scores.in\\u0000novation');
    expect(findUnstorable({ fine: ['text', 1, null, true] }, 'body')).toBeUndefined();
  });
});

describe('durationMs', () => {
  it.each([
    ['30s', 30_000],
    ['10 days', 864_000_000],
    ['36h', 129_600_000],
    ['500ms', 500],
    ['2 weeks', 1_209_600_000],
    ['5 minutes', 300_000],
  ])('reads %s', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });
});
