// CSV cells a spreadsheet could read as a formula are shown as text.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../api/csv.js';

const cellOf = (value: string) => toCsv(['h'], [[value]]).split('\r\n')[1];

describe('formula cells', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', ' =1+1', '   @x', '\u3000=1', '＝1+1', '＋1', '－1', '＠x', ' ＝HYPERLINK("x")'])('defuses %j', (value) => {
    expect(cellOf(value)?.replace(/^"/, '')).toMatch(/^'/);
  });

  it.each(['plain', '公司 = 名称', 'a-b', ' leading space', '1=1'])('leaves %j as it is', (value) => {
    expect(cellOf(value)).toBe(value);
  });

  it('leaves numbers as numbers', () => {
    expect(toCsv(['n'], [[-5]]).split('\r\n')[1]).toBe('-5');
  });
});
