// Calendar dates as "YYYY-MM-DD" strings. No clock: dates only come from inputs.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** ISO dates compare correctly as strings. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Period {
  start: string;
  end: string;
}

export function calendarYear(year: number): Period {
  const y = String(year).padStart(4, '0');
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

export function periodsOverlap(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The cost period of a support year (reading supportYearCostPeriod 'calendar-year'): year N + y − 1. */
export function supportYearCostPeriod(noticeYear: number, supportYear: number): Period {
  return calendarYear(noticeYear + supportYear - 1);
}
