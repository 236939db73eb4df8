import type { CaseDetail } from '../../../lib/api-types';

export interface MoneyRow {
  key: string;
  supportYear: number;
  component: string;
  instructedFen: number;
  paidFen: number;
  recoveredFen: number;
}

/** Money by support year and component: instructed (approved), paid, recovered. */
export function moneyRows(c: CaseDetail): MoneyRow[] {
  const rows = new Map<string, MoneyRow>();
  const row = (supportYear: number, component: string) => {
    const key = `${supportYear}:${component}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, supportYear, component, instructedFen: 0, paidFen: 0, recoveredFen: 0 }));
    return r;
  };
  for (const p of c.payments ?? []) {
    const r = row(p.supportYear, p.component);
    if (p.status !== 'cancelled') r.instructedFen += p.amountFen;
    if (p.status === 'paid') r.paidFen += p.amountFen;
  }
  for (const rec of c.recoveries ?? []) if (rec.status !== 'open') row(rec.supportYear, rec.component).recoveredFen += rec.amountFen;
  return [...rows.values()].sort((a, b) => a.supportYear - b.supportYear || a.component.localeCompare(b.component));
}
