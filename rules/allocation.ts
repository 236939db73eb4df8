// A committee approving less than the maximum (管委会审议 reduces): how the approved
// total is split over the assessed components, so each payment instruction carries
// its component. The reading of the version decides the order; the draft's takes
// the reduction from the last components first (each component up to its own amount).

import { articleZh } from './codes.js';
import type { ComponentName } from './codes.js';
import type { PolicyVersion } from './policy/types.js';
import { COMPONENT_LABEL, enYuan, zhYuan } from './trace.js';
import type { EvaluationResult, TraceStep } from './types.js';

export interface ComponentAmount {
  component: ComponentName | 'decided';
  amountFen: number;
}

export interface Allocation {
  parts: ComponentAmount[];
  trace: TraceStep;
}

export function allocateApproved(version: PolicyVersion, assessment: EvaluationResult, approvedFen: number): Allocation {
  const def = version.programs[assessment.program];
  const article = articleZh(def.article);
  let parts: ComponentAmount[];
  if (assessment.decision.decidedAmount) {
    // One decided amount: it is the award, on the program's single component.
    parts = [{ component: assessment.components[0]?.name ?? 'decided', amountFen: approvedFen }];
  } else {
    let remaining = approvedFen;
    parts = [];
    for (const component of assessment.components) {
      const amountFen = Math.min(component.amountFen, remaining);
      remaining -= amountFen;
      if (amountFen > 0) parts.push({ component: component.name, amountFen });
    }
  }
  const label = (c: ComponentAmount['component']) => (c === 'decided' ? { zh: '决定金额', en: 'decided amount' } : COMPONENT_LABEL[c]);
  const reduced = approvedFen < assessment.amountFen;
  return {
    parts,
    trace: {
      step: 'approval.allocation',
      article,
      policyVersion: version.id,
      parameters: { reducedApproval: version.readings.reducedApproval },
      inputs: { approvedFen, maximumFen: assessment.amountFen },
      figures: Object.fromEntries(parts.map((p) => [`${p.component}Fen`, p.amountFen])),
      result: approvedFen,
      textZh: `管委会核定${zhYuan(approvedFen)}${reduced ? `（低于最高${zhYuan(assessment.amountFen)}，按顺序自最后一项起核减）` : ''}，分项：${parts.map((p) => `${label(p.component).zh}${zhYuan(p.amountFen)}`).join('，') || '无'}`,
      textEn: `Committee approved ${enYuan(approvedFen)}${reduced ? ` (below the maximum ${enYuan(assessment.amountFen)}; reduced from the last component first)` : ''}: ${parts.map((p) => `${label(p.component).en} ${enYuan(p.amountFen)}`).join(', ') || 'nothing'}`,
    },
  };
}
