import type { CaseDetail } from '../../../lib/api-types';

export interface MoneyRow {
  key: string;
  supportYear: number;
  component: string;
  /** The rules' maximum for the component in that year (staff see the assessment); null when unknown. */
  maximumFen: number | null;
  /** Approved: what the approval instructed for the component (cancelled instructions excluded). */
  approvedFen: number;
  paidFen: number;
  recoveredFen: number;
  /** To be recovered: open recoveries finance has not confirmed yet. */
  owedFen: number;
}

/** Money by support year and component: the rules' maximum, approved, paid, recovered. */
export function moneyRows(c: CaseDetail): MoneyRow[] {
  const rows = new Map<string, MoneyRow>();
  const row = (supportYear: number, component: string) => {
    const key = `${supportYear}:${component}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, supportYear, component, maximumFen: null, approvedFen: 0, paidFen: 0, recoveredFen: 0, owedFen: 0 }));
    return r;
  };
  for (const a of c.assessments ?? []) for (const comp of a.result.components) row(a.supportYear, comp.name).maximumFen = comp.amountFen;
  for (const p of c.payments ?? []) {
    const r = row(p.supportYear, p.component);
    if (p.status !== 'cancelled') r.approvedFen += p.amountFen;
    if (p.status === 'paid') r.paidFen += p.amountFen;
  }
  for (const rec of c.recoveries ?? []) {
    const r = row(rec.supportYear, rec.component);
    if (rec.status === 'open') r.owedFen += rec.amountFen;
    else r.recoveredFen += rec.amountFen;
  }
  return [...rows.values()].sort((a, b) => a.supportYear - b.supportYear || a.component.localeCompare(b.component));
}
