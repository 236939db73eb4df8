// Names of the domain's codes in both languages: programs (article and the policy's
// title), stages, task kinds, statuses, roles, decision
// values, fields, components, facts and evidence. The records keyed by the rules'
// own code lists must name every code: a new program or component does not compile
// until it has its words (here, or in rules/labels.ts).
import type { ComponentName, FactName, ProgramCode } from './api-types';
import { articleEnOf, PROGRAM_CODES } from '../../../rules/codes';
import { COMPONENT_LABELS, EVIDENCE_LABELS, FACT_LABELS, programName } from '../../../rules/labels';
import type { FactUnit } from '../../../rules/labels';

type Words = { zh: string; en: string };

// Programs, components, facts and evidence are named once, in rules/labels.ts (the
// catalogue's words too): a program as its article and the policy's title.
export const programNames = Object.fromEntries(PROGRAM_CODES.map((code) => [code, { zh: programName(code, 'zh'), en: programName(code, 'en') }])) as Record<ProgramCode, Words>;

const componentNames: Record<ComponentName, Words> = COMPONENT_LABELS;

// A fact in fen or m² says its unit, as forms take it in that unit.
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

/** An article as the rules cite it (第十四条) in this language: as it is in Chinese, "Art. 14" in English. */
export function articleName(article: string, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? article : articleEnOf(article);
}
