// The per-case table of a preview: one row per case, support year and component,
// amounts in fen (the CSV and XLSX writers add yuan).

import type { PreviewResult } from './result.js';

export const PREVIEW_COLUMNS = [
  'caseId',
  'program',
  'enterpriseId',
  'kind',
  'submittedOn',
  'ownVersion',
  'applies',
  'touch',
  'supportYear',
  'budgetYear',
  'figuresFrom',
  'component',
  'ownFen',
  'candidateFen',
  'deltaFen',
  'effectiveDeltaFen',
] as const;

export type PreviewRow = { [K in (typeof PREVIEW_COLUMNS)[number]]: string | number | null };

export function previewRows(preview: PreviewResult): PreviewRow[] {
  const rows: PreviewRow[] = [];
  for (const c of preview.cases) {
    for (const y of c.years ?? []) {
      const names = [...new Set([...(y.own?.components ?? []), ...(y.candidate?.components ?? [])].map((x) => x.name))];
      const figuresFrom = y.figures ? `${y.figures.source} y${y.figures.fromSupportYear}${y.figures.assumed.length ? ` (+${y.figures.assumed.join(',')})` : ''}` : null;
      // An ineligible or uncomputable year has no components: one row for the year.
      for (const component of names.length > 0 ? names : [null]) {
        const own = component ? (y.own?.components.find((x) => x.name === component)?.amountFen ?? 0) : (y.own?.amountFen ?? null);
        const cand = component ? (y.candidate?.components.find((x) => x.name === component)?.amountFen ?? 0) : (y.candidate?.amountFen ?? null);
        const delta = own !== null && cand !== null && y.errors.length === 0 ? cand - own : 0;
        rows.push({
          caseId: c.caseId,
          program: c.program,
          enterpriseId: c.enterpriseId,
          kind: c.kind,
          submittedOn: c.submittedOn,
          ownVersion: c.ownVersion,
          applies: c.applies ? 'yes' : 'no',
          touch: c.touch.code,
          supportYear: y.supportYear,
          budgetYear: y.budgetYear,
          figuresFrom,
          component: component ?? (y.errors.length > 0 ? `error: ${y.errors.map((e) => `${e.side} ${e.field}`).join('; ')}` : 'total'),
          ownFen: own,
          candidateFen: cand,
          deltaFen: delta,
          effectiveDeltaFen: c.applies ? delta : 0,
        });
      }
    }
  }
  return rows;
}
