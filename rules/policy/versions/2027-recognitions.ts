// The measures name four different recognitions where the draft version used two
// codes: municipal support of a computing centre (第三条) is not municipal support of
// a scenario (第八条), and a district key project (第三条) is not a district major
// scenario project (第八条). Under 2025-draft a district scenario project could claim
// under 第三条 with a cap ten times higher. Cases submitted under 2025-draft keep it
// (their inputs hold the old codes); applications from this version's effective date
// state the recognition the measure names.
// 第十三条's "more favourable of two programs" is kept only for the pair POLICY.md
// names (A4-COMPUTE-FILED / A4-COMPUTE-KEY).

import type { PolicyVersionPatch } from '../types.js';

export const recognitions2027: PolicyVersionPatch = {
  id: '2027-recognitions',
  // A setting: the first day after the office adopts the separate recognitions.
  effectiveFrom: '2027-01-01',
  basedOn: '2025-draft',
  titleZh: '石景山区推进人工智能大模型产业集聚区建设发展支持办法（征求意见稿，分列资格认定）',
  titleEn: 'Shijingshan AI large-model cluster support measures (draft, separate recognitions)',
  note: 'A3-COMPUTE-MUNI needs municipal-compute-support, A8-SCENARIO-MUNI municipal-scenario-support, A8-SCENARIO-DISTRICT district-major-scenario-project (A3-COMPUTE-DISTRICT keeps district-key-project); only the A4 pair is compared as alternatives.',
  programs: {
    'A3-COMPUTE-MUNI': { qualificationsAnyOf: ['municipal-compute-support'], alternatives: [] },
    'A3-COMPUTE-DISTRICT': { alternatives: [] },
    'A8-SCENARIO-MUNI': { qualificationsAnyOf: ['municipal-scenario-support'], alternatives: [] },
    'A8-SCENARIO-DISTRICT': { qualificationsAnyOf: ['district-major-scenario-project'], alternatives: [] },
  },
};
