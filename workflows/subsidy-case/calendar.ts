// District dates (Beijing time, UTC+8) as instants, for timers that wait on the
// calendar of an annual notice. Pure: the workflow passes its own clock.

const beijingOffsetMs = 8 * 3600_000;

/** 00:00 Beijing time on the date (YYYY-MM-DD). */
export function startOfDistrictDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - beijingOffsetMs;
}

/** 24:00 Beijing time on the date: a deadline "by" that day. */
export function endOfDistrictDay(date: string): number {
  return startOfDistrictDay(date) + 24 * 3600_000;
}

/** 1 January of the year, 00:00 Beijing time. */
export function startOfDistrictYear(year: number): number {
  return startOfDistrictDay(`${year}-01-01`);
}
