// People's names (zh, en) for the codes the policy data uses: facts with their units,
// evidence kinds, recognitions, components, expert specialties, criteria, programs. Kept apart
// from the versions (whose data is fingerprinted): a better wording is not a new
// policy. A code without a name here fails test/unit/program-catalogue.test.ts.
import { articleEn, articleZh } from './codes.js';
import type { ComponentName, FactName, ProgramCode, Qualification } from './codes.js';
import type { EvaluationMode } from './policy/types.js';

export interface Label {
  zh: string;
  en: string;
}

/** How a fact is stated: integer fen, m² (two decimals), whole months, yes/no. */
export type FactUnit = 'fen' | 'm2' | 'months' | 'boolean';

/**
 * Each program's name as the policy words it (its versions' titleZh / titleEn, the
 * catalogue's words) and its article. Every published version must agree
 * (test/unit/program-catalogue.test.ts): dashboards, forms and the rules' own sentences
 * read the names here.
 */
export const PROGRAM_LABELS: Record<ProgramCode, Label & { article: number }> = {
  'A3-COMPUTE-MUNI': { article: 3, zh: '智算中心建设（获市级支持项目）', en: 'Intelligent-computing centre with municipal support' },
  'A3-COMPUTE-DISTRICT': { article: 3, zh: '智算中心建设（区级重点项目）', en: 'Intelligent-computing centre, district key project' },
  'A4-COMPUTE-FILED': { article: 4, zh: '算力应用（通过国家生成式人工智能服务备案的大模型）', en: 'Compute purchase or rental for a nationally filed large model' },
  'A4-COMPUTE-KEY': { article: 4, zh: '算力应用（北京市人工智能重点企业、通用人工智能产业创新伙伴）', en: 'Compute purchase or rental for Beijing AI key enterprises or AGI partners' },
  'A5-DATA-ZONE': { article: 5, zh: '高质量公共数据专区', en: 'High-quality public data zone' },
  'A5-DATA-OPEN': { article: 5, zh: '开放数据资源（人工智能数据标注平台等渠道）', en: 'Opening data resources to district model companies' },
  'A5-DATA-REGISTER': { article: 5, zh: '数据（数字）资产登记', en: 'Data (digital) asset registration' },
  'A5-DATA-TRADE': { article: 5, zh: '数据（数字）产品交易', en: 'Data (digital) product transactions' },
  'A5-DATA-SAFEROOM': { article: 5, zh: '大模型训练数据安全屋', en: 'Data safe room for large-model training' },
  'A6-PLATFORM': { article: 6, zh: '产业服务平台（国家级或省级重点实验室、创新平台及研究机构）', en: 'Industry service platform (national or provincial key lab, platform or institute)' },
  'A7-EVAL-CERT': { article: 7, zh: '首次通过国家级评估评测资质认证', en: 'First national-level evaluation qualification certification' },
  'A8-SCENARIO-MUNI': { article: 8, zh: '场景示范应用（获市级应用场景支持项目）', en: 'Application scenario with municipal scenario support' },
  'A8-SCENARIO-DISTRICT': { article: 8, zh: '场景示范应用（区级应用场景重大项目）', en: 'District-level major scenario project' },
  'A9-CASE-BY-CASE': { article: 9, zh: '强化企业集聚（一事一议）', en: 'Key AI enterprise settling in the cluster (one matter, one discussion)' },
  'A10-OPERATOR': { article: 10, zh: '产业运营（集聚区建设运营机构）', en: 'Cluster operator' },
};

/** A program as people read it: "第四条 算力应用（…）" / "Art. 4 Compute purchase or rental …". */
export function programName(code: ProgramCode, lang: 'zh' | 'en'): string {
  const { article, zh, en } = PROGRAM_LABELS[code];
  return lang === 'zh' ? `${articleZh(article)} ${zh}` : `${articleEn(article)} ${en}`;
}

/** A program inside a sentence: “算力应用（…）”（第四条） / “Compute purchase or rental …” (Art. 4). */
export function programInText(code: ProgramCode, lang: 'zh' | 'en'): string {
  const { article, zh, en } = PROGRAM_LABELS[code];
  return lang === 'zh' ? `“${zh}”（${articleZh(article)}）` : `“${en}” (${articleEn(article)})`;
}

/** Recognitions in a sentence, in this language: a list of names, never codes. */
export function qualificationsInText(codes: readonly Qualification[], lang: 'zh' | 'en'): string {
  return codes.map((q) => QUALIFICATION_LABELS[q][lang]).join(lang === 'zh' ? '、' : ', ');
}

export const FACT_LABELS: Record<FactName, Label & { unit: FactUnit }> = {
  municipalSupportFen: { zh: '市级支持资金', en: 'Municipal support received', unit: 'fen' },
  projectInvestmentFen: { zh: '项目投资额', en: 'Project investment', unit: 'fen' },
  computeSpendFen: { zh: '算力采购或租赁费用', en: 'Compute purchase or rental spend', unit: 'fen' },
  registrationFeesFen: { zh: '数据资产登记费用', en: 'Data asset registration fees', unit: 'fen' },
  contractAmountFen: { zh: '数据产品交易合同金额', en: 'Data product contract amount', unit: 'fen' },
  serviceContractFen: { zh: '数据安全屋服务合同金额', en: 'Data safe-room service contract', unit: 'fen' },
  evaluationContractFen: { zh: '评估评测合同金额', en: 'Evaluation contract amount', unit: 'fen' },
  rentPaidFen: { zh: '实缴租金', en: 'Rent paid', unit: 'fen' },
  operatingCostsFen: { zh: '运营费用', en: 'Operating costs', unit: 'fen' },
  decidedAmountFen: { zh: '议定金额', en: 'Decided amount', unit: 'fen' },
  areaUsedM2: { zh: '使用面积', en: 'Floor area used', unit: 'm2' },
  monthsOperated: { zh: '运营月数', en: 'Months operated', unit: 'months' },
  modelIterated: { zh: '模型已完成研发迭代', en: 'The model was iterated this year', unit: 'boolean' },
};

export const EVIDENCE_LABELS: Record<string, Label> = {
  'acceptance-report': { zh: '验收报告', en: 'Acceptance report' },
  'area-certificate': { zh: '面积证明', en: 'Floor-area certificate' },
  'business-licence': { zh: '营业执照', en: 'Business licence' },
  'certification-certificate': { zh: '资质认证证书', en: 'Certification certificate' },
  'compute-contracts': { zh: '算力采购或租赁合同', en: 'Compute contracts' },
  'construction-contracts': { zh: '建设合同', en: 'Construction contracts' },
  'data-resource-description': { zh: '数据资源说明', en: 'Description of the data resources' },
  'district-key-project-designation': { zh: '区级重点项目认定文件', en: 'District key project designation' },
  'district-major-project-designation': { zh: '区级重大项目认定文件', en: 'District major project designation' },
  'district-resolution': { zh: '区政府决议', en: 'District resolution' },
  'evaluation-contract': { zh: '评估评测合同', en: 'Evaluation contract' },
  'fee-invoices': { zh: '费用发票', en: 'Fee invoices' },
  'filing-number': { zh: '生成式人工智能服务备案号', en: 'Generative AI service filing number' },
  'filing-number-or-key-enterprise-letter': { zh: '备案号或重点企业认定函', en: 'Filing number or key-enterprise letter' },
  'investment-invoices': { zh: '投资发票', en: 'Investment invoices' },
  invoices: { zh: '发票', en: 'Invoices' },
  'key-enterprise-or-partner-letter': { zh: '重点企业或创新伙伴认定函', en: 'Key-enterprise or AGI-partner letter' },
  'lease-contract': { zh: '租赁合同', en: 'Lease contract' },
  'municipal-award-letter': { zh: '市级支持批复文件', en: 'Municipal award letter' },
  'operating-cost-ledger': { zh: '运营费用台账', en: 'Operating cost ledger' },
  'operation-report': { zh: '运营报告', en: 'Operation report' },
  'operator-appointment': { zh: '运营机构委托文件', en: 'Operator appointment' },
  'payment-proof': { zh: '付款凭证', en: 'Proof of payment' },
  'platform-listing-proof': { zh: '平台上架证明', en: 'Platform listing proof' },
  'public-data-authorization-letter': { zh: '公共数据授权运营文件', en: 'Public data authorisation letter' },
  'recognition-or-relocation-document': { zh: '认定或迁入文件', en: 'Recognition or relocation document' },
  'registration-certificate': { zh: '登记证书', en: 'Registration certificate' },
  'rent-invoices': { zh: '租金发票', en: 'Rent invoices' },
  'scenario-plan': { zh: '场景建设方案', en: 'Scenario plan' },
  'service-contract': { zh: '服务合同', en: 'Service contract' },
  'settlement-agreement': { zh: '落位协议', en: 'Settlement agreement' },
  'transaction-contract': { zh: '交易合同', en: 'Transaction contract' },
  'usage-records': { zh: '使用记录', en: 'Usage records' },
  'zone-construction-plan': { zh: '专区建设方案', en: 'Zone construction plan' },
};

export const QUALIFICATION_LABELS: Record<Qualification, Label> = {
  'national-genai-filing': { zh: '通过国家生成式人工智能服务备案', en: 'National generative AI service filing' },
  'beijing-ai-key-enterprise': { zh: '北京市人工智能重点企业', en: 'Beijing AI key enterprise' },
  'beijing-agi-partner': { zh: '北京市通用人工智能产业创新伙伴', en: 'Beijing AGI industry innovation partner' },
  'municipal-support': { zh: '获市级支持', en: 'Municipal support' },
  'municipal-compute-support': { zh: '智算中心获市级支持', en: 'Municipal support of a computing centre' },
  'municipal-scenario-support': { zh: '应用场景获市级支持', en: 'Municipal support of a scenario' },
  'district-key-project': { zh: '区级重点项目', en: 'District key project' },
  'district-major-scenario-project': { zh: '区级应用场景重大项目', en: 'District major scenario project' },
  'public-data-authorization': { zh: '公共数据授权运营', en: 'Public data authorisation' },
  'platform-national': { zh: '国家级平台', en: 'National-level platform' },
  'platform-provincial': { zh: '省级平台', en: 'Provincial-level platform' },
  'national-eval-certification': { zh: '国家级评估评测资质认证', en: 'National evaluation certification' },
  'cluster-operator': { zh: '集聚区建设运营机构', en: 'Cluster operator' },
};

export const COMPONENT_LABELS: Record<ComponentName, Label> = {
  rent: { zh: '房租补贴', en: 'Rent' },
  operating: { zh: '运营经费', en: 'Operating funds' },
  compute: { zh: '算力补贴', en: 'Compute' },
  'one-off': { zh: '一次性支持', en: 'One-off support' },
};

export const SPECIALTY_LABELS: Record<string, Label> = {
  compute: { zh: '算力', en: 'Compute' },
  data: { zh: '数据', en: 'Data' },
  platform: { zh: '平台', en: 'Platforms' },
  evaluation: { zh: '评估评测', en: 'Evaluation' },
  scenario: { zh: '应用场景', en: 'Application scenarios' },
  industry: { zh: '产业', en: 'Industry' },
};

export const EVALUATION_LABELS: Record<EvaluationMode, Label> = {
  experts: { zh: '专家评审', en: 'Expert evaluation' },
  audit: { zh: '专项审计', en: 'Audit' },
  'experts-and-audit': { zh: '专家评审和专项审计', en: 'Expert evaluation and audit' },
  none: { zh: '形式审查后直接审议', en: 'Committee after formal review' },
};

/** A criterion's English name from its code: "demonstration-value" → "Demonstration value". */
export function criterionNameEn(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
