// A sample second version, as the final text might read: it overrides a few
// parameters of the draft and inherits everything else. Its effective date is set
// well after the draft's so that applications of the draft era keep the draft. It
// builds on 2027-recognitions (no application can yet be under it: it starts in 2030).

import type { PolicyVersionPatch } from '../types.js';

export const finalExample2030: PolicyVersionPatch = {
  id: '2030-final-example',
  effectiveFrom: '2030-01-01',
  basedOn: '2027-recognitions',
  titleZh: '石景山区推进人工智能大模型产业集聚区建设发展支持办法（示例终稿）',
  titleEn: 'Shijingshan AI large-model cluster support measures (example final text)',
  note: 'Sample: A4-COMPUTE-KEY cap 3,000,000 → 5,000,000 yuan; A5-DATA-REGISTER ratio 30% → 50%; A6 area cap 4,000 → 5,000 m².',
  programs: {
    'A4-COMPUTE-KEY': { components: { compute: { capFen: 500_000_000 } } },
    'A5-DATA-REGISTER': { components: { 'one-off': { ratioBp: 5000 } } },
    'A6-PLATFORM': { components: { rent: { areaCapM2: 5000 } } },
  },
};
