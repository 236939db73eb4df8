// Who may be paid: 第二条 (registration, blacklist), the program's qualifications,
// support years, once-per-enterprise, consecutive years and continuation.

import { articleZh } from './codes.js';
import type { EvalContext } from './context.js';
import { programInText, qualificationsInText } from './labels.js';

export interface EligibilityOutcome {
  eligible: boolean;
  level: 'national' | 'provincial' | null;
}

function fail(ctx: EvalContext, code: string, article: string, message: string, messageZh: string): void {
  ctx.reasons.push({ code, article, message, messageZh });
}

export function checkEligibility(ctx: EvalContext): EligibilityOutcome {
  const { def, input, trace, article } = ctx;
  const a2 = articleZh(2);
  const before = ctx.reasons.length;

  const registered = input.applicant.registeredInDistrict === true;
  if (trace.kept) trace.add({
    step: 'eligibility.registered',
    article: a2,
    inputs: { registeredInDistrict: registered },
    result: registered,
    textZh: registered ? '申报主体在区内注册（或承诺落地经营）：符合' : '申报主体未在区内注册：不符合',
    textEn: registered ? 'Applicant registered (or committed to operate) in the district: yes' : 'Applicant not registered in the district: not eligible',
  });
  if (!registered) fail(ctx, 'not-registered-in-district', a2, 'The applicant is not registered in the district.', '申报主体未在区内注册。');

  const blacklisted = input.applicant.blacklisted === true;
  if (trace.kept) trace.add({
    step: 'eligibility.blacklist',
    article: a2,
    inputs: { blacklisted },
    result: !blacklisted,
    textZh: blacklisted ? '申报主体有失信等不良记录：不符合' : '申报主体无不良记录：符合',
    textEn: blacklisted ? 'Applicant has a disqualifying record (blacklist): not eligible' : 'Applicant has no disqualifying record: yes',
  });
  if (blacklisted) fail(ctx, 'blacklisted', a2, 'The applicant has a disqualifying record (blacklist).', '申报主体有不良记录（黑名单）。');

  let level: EligibilityOutcome['level'] = null;
  if (def.qualificationsAnyOf.length > 0) {
    const held = def.qualificationsAnyOf.filter((q) => ctx.qualifications.includes(q));
    const ok = held.length > 0;
    if (def.levels) {
      if (ctx.qualifications.includes(def.levels.national)) level = 'national';
      else if (ctx.qualifications.includes(def.levels.provincial)) level = 'provincial';
    }
    if (trace.kept) trace.add({
      step: 'eligibility.qualification',
      article,
      parameters: { requiredAnyOf: def.qualificationsAnyOf.join(' | ') },
      inputs: { qualifications: [...ctx.qualifications] },
      figures: level ? { level } : {},
      result: ok,
      textZh: ok
        ? `具备本项资格：${qualificationsInText(held, 'zh')}${level ? `（按${level === 'national' ? '国家级' : '省级'}）` : ''}`
        : `不具备本项资格，须具备其一：${qualificationsInText(def.qualificationsAnyOf, 'zh')}`,
      textEn: ok
        ? `Holds the program qualification: ${qualificationsInText(held, 'en')}${level ? ` (${level} level)` : ''}`
        : `Lacks the program qualification; needs one of: ${qualificationsInText(def.qualificationsAnyOf, 'en')}`,
    });
    if (!ok) {
      fail(ctx, 'missing-qualification', article, `The applicant holds none of the qualifications ${programInText(def.code, 'en')} requires: ${qualificationsInText(def.qualificationsAnyOf, 'en')}.`, `申报主体不具备${programInText(def.code, 'zh')}所需资格（${qualificationsInText(def.qualificationsAnyOf, 'zh')}之一）。`);
    }
    if (level === 'national' && ctx.qualifications.includes(def.levels?.provincial ?? 'platform-provincial') && def.levels) {
      ctx.notes.push({ code: 'both-levels', article, message: 'Qualified at both levels: the national ratio applies.', messageZh: '同时具备国家级和省级资格，按国家级比例。' });
    }
  }

  const yearOk = def.yearsSetByResolution || ctx.supportYear <= def.years;
  if (trace.kept) trace.add({
    step: 'eligibility.support-year',
    article,
    parameters: { years: def.years, yearsSetByResolution: def.yearsSetByResolution },
    inputs: { supportYear: ctx.supportYear },
    result: yearOk,
    textZh: yearOk ? `支持年度第${ctx.supportYear}年，在支持期限（${def.yearsSetByResolution ? '按区级决议' : `${def.years}年`}）内` : `支持年度第${ctx.supportYear}年超出支持期限${def.years}年`,
    textEn: yearOk ? `Support year ${ctx.supportYear} is within the program's ${def.yearsSetByResolution ? 'resolution-set term' : `${def.years} year(s)`}` : `Support year ${ctx.supportYear} is beyond the program's ${def.years} year(s)`,
  });
  if (!yearOk) {
    fail(ctx, 'support-year-beyond-program', article, `${programInText(def.code, 'en')} supports at most ${def.years} year(s); support year ${ctx.supportYear} is not paid.`, `${programInText(def.code, 'zh')}最多支持${def.years}年，第${ctx.supportYear}年不予支持。`);
  }

  if (def.oncePerEnterprise) {
    const earlier = ctx.priorAwards.findIndex((a) => a.program === def.code && a.policy === undefined);
    if (trace.kept) trace.add({
      step: 'eligibility.once-per-enterprise',
      article,
      inputs: { priorAwardOfSameProgram: earlier >= 0 ? `priorAwards[${earlier}]` : null },
      result: earlier < 0,
      textZh: earlier < 0 ? '此前未获本项支持（首次）：符合' : `此前已获本项支持（已获支持第${earlier + 1}项），每家企业仅限一次`,
      textEn: earlier < 0 ? 'No earlier award of this program (first time): yes' : `Already awarded this program before (prior award ${earlier + 1}); once per enterprise`,
    });
    if (earlier >= 0) {
      fail(ctx, 'already-awarded-once', article, `${programInText(def.code, 'en')} is granted at most once per enterprise; an award is already recorded.`, `${programInText(def.code, 'zh')}每家企业仅支持一次（首次通过认证），已有获支持记录。`);
    }
  }

  if (def.consecutive && ctx.supportYear > 1) {
    const broken = ctx.priorYears.filter((y) => y.supportYear < ctx.supportYear && y.outcome !== 'verified');
    const reading = ctx.version.readings.missedYear;
    const ended = reading === 'end-award' && broken.length > 0;
    if (trace.kept) trace.add({
      step: 'eligibility.consecutive-years',
      article,
      parameters: { missedYear: reading },
      inputs: { earlierYears: ctx.priorYears.map((y) => `${y.supportYear}:${y.outcome}`) },
      result: !ended,
      textZh: ended
        ? `第${broken.map((y) => y.supportYear).join('、')}年报告缺失或核验未通过，连续支持中断，此后年度不予支持`
        : broken.length > 0
          ? `第${broken.map((y) => y.supportYear).join('、')}年未获支持（按设置仅跳过该年）`
          : '此前支持年度无缺失或未通过',
      textEn: ended
        ? `Support year(s) ${broken.map((y) => y.supportYear).join(', ')} missed or failed verification: the consecutive award has ended`
        : broken.length > 0
          ? `Support year(s) ${broken.map((y) => y.supportYear).join(', ')} not paid (setting: skip that year only)`
          : 'No earlier support year missed or failed',
    });
    if (ended) {
      fail(ctx, 'award-ended-missed-year', article, `Support year(s) ${broken.map((y) => y.supportYear).join(', ')} missed the report or failed verification; support must be consecutive, so later years are not paid.`, `第${broken.map((y) => y.supportYear).join('、')}年报告缺失或核验未通过，须连续支持，此后年度不予支持。`);
    }
  }

  if (def.continuationFact && ctx.supportYear > 1) {
    const iterated = ctx.facts[def.continuationFact] === true;
    if (trace.kept) trace.add({
      step: 'eligibility.continuation',
      article,
      inputs: { [def.continuationFact]: ctx.facts[def.continuationFact] ?? null },
      result: iterated,
      textZh: iterated ? '年度报告表明模型持续迭代：符合连续支持条件' : '年度报告未表明模型持续迭代（新版本或备案更新），不予连续支持',
      textEn: iterated ? 'The yearly report shows the model kept iterating: continuation allowed' : 'The yearly report does not show the model kept iterating (new version or filing update): no continuation',
    });
    if (!iterated) {
      fail(ctx, 'model-not-iterated', article, `Support year ${ctx.supportYear} requires evidence that the model kept iterating (a new version or a filing update).`, `第${ctx.supportYear}年须根据研发迭代情况支持，未表明模型持续迭代。`);
    }
  }

  return { eligible: ctx.reasons.length === before, level };
}
