// Names of the domain's codes in both languages: programs (by article, from the
// policy, /work POLICY.md's table), stages, task kinds, statuses, roles, decision
// values, fields, components, facts and evidence. The records keyed by the rules'
// own code lists must name every code: a new program or component does not compile
// until it has its words here.
import type { ComponentName, FactName, ProgramCode } from './api-types';
import { COMPONENT_LABELS, EVIDENCE_LABELS, FACT_LABELS } from '../../../rules/labels';
import type { FactUnit } from '../../../rules/labels';

type Words = { zh: string; en: string };

export const programNames: Record<ProgramCode, Words> = {
  'A3-COMPUTE-MUNI': { zh: '第三条 智算中心（获市级支持）', en: 'Art. 3 Compute centre (municipal support)' },
  'A3-COMPUTE-DISTRICT': { zh: '第三条 智算中心（区级重点项目）', en: 'Art. 3 Compute centre (district key project)' },
  'A4-COMPUTE-FILED': { zh: '第四条 算力应用（备案大模型）', en: 'Art. 4 Compute for a filed model' },
  'A4-COMPUTE-KEY': { zh: '第四条 算力应用（重点企业）', en: 'Art. 4 Compute for a key enterprise' },
  'A5-DATA-ZONE': { zh: '第五条 公共数据专区', en: 'Art. 5 Public data zone' },
  'A5-DATA-OPEN': { zh: '第五条 开放数据资源', en: 'Art. 5 Opening data resources' },
  'A5-DATA-REGISTER': { zh: '第五条 数据资产登记', en: 'Art. 5 Data asset registration' },
  'A5-DATA-TRADE': { zh: '第五条 数据产品交易', en: 'Art. 5 Data product transactions' },
  'A5-DATA-SAFEROOM': { zh: '第五条 数据安全屋', en: 'Art. 5 Data safe room' },
  'A6-PLATFORM': { zh: '第六条 重点实验室及创新平台', en: 'Art. 6 Key lab or innovation platform' },
  'A7-EVAL-CERT': { zh: '第七条 评测认证', en: 'Art. 7 Evaluation certification' },
  'A8-SCENARIO-MUNI': { zh: '第八条 应用场景（获市级支持）', en: 'Art. 8 Scenario (municipal support)' },
  'A8-SCENARIO-DISTRICT': { zh: '第八条 应用场景（区级重大项目）', en: 'Art. 8 Scenario (district major project)' },
  'A9-CASE-BY-CASE': { zh: '第九条 一事一议', en: 'Art. 9 Case by case' },
  'A10-OPERATOR': { zh: '第十条 集聚区运营', en: 'Art. 10 Cluster operator' },
};

// Components, facts and evidence are named once, in rules/labels.ts (the catalogue's
// words too); a fact in fen or m² says its unit, as forms take it in that unit.
const componentNames: Record<ComponentName, Words> = COMPONENT_LABELS;

const UNIT_WORDS: Partial<Record<FactUnit, Words>> = { fen: { zh: '分', en: 'fen' }, m2: { zh: '平方米', en: 'm²' } };
const factNames = Object.fromEntries(
  Object.entries(FACT_LABELS).map(([fact, label]) => {
    const unit = UNIT_WORDS[label.unit];
    return [fact, unit ? { zh: `${label.zh}（${unit.zh}）`, en: `${label.en} (${unit.en})` } : { zh: label.zh, en: label.en }];
  }),
) as Record<FactName, Words>;

const evidenceNames: Record<string, Words> = EVIDENCE_LABELS;

/** English for the words whose Chinese is in i18n.tsx's domain dictionary. */
const english: Record<string, string> = {
  application: 'Application',
  'formal-review': 'Formal review',
  correction: 'Correction',
  'expert-evaluation': 'Expert evaluation',
  'expert-conflict': 'Conflict declaration',
  'expert-scoring': 'Expert scoring',
  committee: 'Committee',
  'committee-decision': 'Committee decision',
  'public-notice': 'Public notice',
  disbursement: 'Disbursement',
  'payment-confirmation': 'Payment confirmation',
  'yearly-report': 'Yearly report',
  'yearly-verification': 'Yearly verification',
  recovery: 'Recovery',
  'repayment-confirmation': 'Repayment confirmation',
  closed: 'Closed',
  'in-progress': 'In progress',
  completed: 'Completed',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  ended: 'Ended',
  revoked: 'Revoked',
  applicant: 'Applicant',
  officer: 'Officer',
  expert: 'Expert',
  finance: 'Finance',
  supervisor: 'Supervisor',
  ops: 'Operations',
  admin: 'Administrator',
  open: 'Open',
  done: 'Done',
  accept: 'Accept',
  return: 'Return for correction',
  reject: 'Reject',
  approve: 'Approve',
  paid: 'Paid',
  failed: 'Failed',
  verified: 'Verified',
  'defer-to-next-year': "Draw on next year's budget",
  'over-budget': 'Approve over budget',
  decision: 'Decision',
  reason: 'Reason',
  amountFen: 'Amount (fen)',
  resolutionRef: 'District resolution no.',
  budget: 'Budget',
  outcome: 'Outcome',
  reference: 'Bank reference',
  hasConflict: 'Conflict of interest',
  detail: 'Statement',
  scores: 'Scores',
  comment: 'Comment',
  facts: 'Figures',
  evidence: 'Evidence',
  note: 'Note',
  verifiedFacts: 'Figures as verified',
  kind: 'Kind',
  objection: 'Objection during the public notice',
  revocation: 'Revoke the award',
  grounds: 'Grounds',
  'false-evidence': 'False evidence',
  'left-district': 'Left the district',
  other: 'Other',
  standingProgram: 'Program that stands (Art. 13)',
  // Payments, recoveries and panel seats.
  instructed: 'Instructed',
  cancelled: 'Cancelled',
  escalated: 'Escalated',
  invited: 'Invited',
  accepted: 'Accepted',
  declined: 'Declined',
  'timed-out': 'Timed out',
  scored: 'Scored',
  repaid: 'Repaid',
  reserved: 'Reserved',
  released: 'Released',
};

/** Chinese for words the big dictionary in i18n.tsx lacks. */
const chinese: Record<string, string> = {
  standingProgram: '认定项目（第十三条）',
  instructed: '已下达',
  cancelled: '已取消',
  escalated: '已上报',
  invited: '已邀请',
  accepted: '已接受',
  declined: '已拒绝',
  'timed-out': '已超时',
  scored: '已评分',
  repaid: '已退回',
  reserved: '已预留',
  released: '已释放',
};

const byCode: Record<string, Words> = { ...programNames, ...componentNames, ...factNames, ...evidenceNames };

/** The word for a code in this language, if the workspace has one. */
export function domainWord(word: string, lang: 'zh' | 'en'): string | undefined {
  return byCode[word]?.[lang] ?? (lang === 'zh' ? chinese[word] : english[word]);
}

/** A scoring criterion in this language: the policy names it in Chinese; its code, as words, in English. */
export function criterionName(criterion: { name: string; nameZh: string }, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return criterion.nameZh;
  const words = criterion.name.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** An article as the rules cite it (第十四条) in this language: as it is in Chinese, "Art. 14" in English. */
export function articleName(article: string, lang: 'zh' | 'en'): string {
  const numeral = /^第([一二三四五六七八九十]+)条$/.exec(article)?.[1];
  if (lang === 'zh' || !numeral) return article;
  const [tens, units] = numeral.includes('十') ? numeral.split('十') : ['', numeral];
  const n = (numeral.includes('十') ? (tens ? (NUMERALS[tens] ?? 0) : 1) * 10 : 0) + (units ? (NUMERALS[units] ?? 0) : 0);
  return `Art. ${n}`;
}
