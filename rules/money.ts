// Integer money. Every amount is a safe non-negative integer number of fen.
// Ratios are integer basis points (10000 bp = 100%). Products go through BigInt so
// no intermediate figure is ever a float; division rounds down (floor).

export type Fen = number;

export const BP_ONE = 10_000;
export const FEN_PER_YUAN = 100;
/** 1 万元 in fen. */
export const FEN_PER_WAN = 1_000_000;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function toBig(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  return BigInt(value);
}

function fromBig(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} exceeds the safe integer range`);
  return Number(value);
}

/**
 * The product when it is exact in doubles (every partial product at most 2^53 − 1: a
 * float product that lands there is the true one), else null.
 */
function exactProduct(factors: readonly number[]): number | null {
  let product = 1;
  for (const f of factors) {
    if (!Number.isSafeInteger(f) || f < 0) return null;
    product *= f;
    if (product > Number.MAX_SAFE_INTEGER) return null;
  }
  return product;
}

/** floor(product of numerators / product of denominators), all non-negative integers. */
export function mulDivFloor(numerators: readonly number[], denominators: readonly number[]): number {
  // Most products fit a double exactly: then (n − n mod d) / d is exact integer arithmetic
  // and no BigInt is made (the policy preview runs this a few hundred thousand times).
  const n = exactProduct(numerators);
  const d = n === null ? null : exactProduct(denominators);
  if (n !== null && d !== null && d !== 0) return (n - (n % d)) / d;
  let num = 1n;
  let den = 1n;
  for (const n of numerators) num *= toBig(n, 'numerator');
  for (const d of denominators) den *= toBig(d, 'denominator');
  if (den === 0n) throw new RangeError('division by zero');
  return fromBig(num / den, 'result');
}

/** floor(ratioBp / 10000 × baseFen). */
export function percentOfFloor(baseFen: Fen, ratioBp: number): Fen {
  return mulDivFloor([baseFen, ratioBp], [BP_ONE]);
}

export function minFen(a: Fen, b: Fen): Fen {
  return a < b ? a : b;
}

export function sumFen(values: readonly Fen[]): Fen {
  // Each amount is a safe integer, so a running total below 2^53 is exact.
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v) || v < 0) toBig(v, 'amount');
    total += v;
    if (total > Number.MAX_SAFE_INTEGER) throw new RangeError('sum exceeds the safe integer range');
  }
  return total;
}

export function wan(n: number): Fen {
  return mulDivFloor([n, FEN_PER_WAN], [1]);
}

/** 1234567 → "1,234,567" (no Intl: the same output in every runtime). */
function group(n: number): string {
  const digits = String(n);
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** 123456789 → "1,234,567.89" (yuan with two decimals, from integer fen). */
export function formatYuan(fen: Fen): string {
  const yuan = Math.floor(fen / FEN_PER_YUAN);
  const cents = fen % FEN_PER_YUAN;
  return `${group(yuan)}.${String(cents).padStart(2, '0')}`;
}

/** Basis points as a percentage string: 3000 → "30%", 1250 → "12.5%". */
export function formatBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/** Area in 0.01 m² units → "4,000" or "1,234.5". */
export function formatArea(centiM2: number): string {
  const whole = Math.floor(centiM2 / 100);
  const rest = centiM2 % 100;
  const w = group(whole);
  return rest === 0 ? w : `${w}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}
