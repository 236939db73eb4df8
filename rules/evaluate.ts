// One evaluation: version, eligibility, components, caps, 从优不重复, alternatives.

import { articleZh, isProgramCode } from './codes.js';
import type { ProgramCode } from './codes.js';
import type { EvalContext } from './context.js';
import { checkEligibility } from './eligibility.js';
import { RulesInputError } from './errors.js';
import { missingFacts } from './facts.js';
import { applyOverlaps, priorAwardErrors } from './overlap.js';
import { PolicyLookupError, getPolicyVersion, policyVersionInForce } from './policy/registry.js';
import type { PolicyVersion } from './policy/types.js';
import { computeComponent, wholeAwardCap } from './programs/components.js';
import { findAlternatives } from './alternatives.js';
import { sumFen } from './money.js';
import { COMPONENT_LABEL, Trace, enYuan, zhYuan } from './trace.js';
import type { ComponentResult, EvaluationInput, EvaluationResult } from './types.js';

function resolveVersion(input: EvaluationInput): { version: PolicyVersion; named: boolean } {
  try {
    if (input.policyVersion !== undefined) {
      const version = getPolicyVersion(input.policyVersion);
      // A case keeps its version for life, but no version applies before it took effect.
      if (version.effectiveFrom > input.submittedOn) {
        throw new PolicyLookupError(`${version.id} takes effect on ${version.effectiveFrom}, after the submission date ${input.submittedOn}`, 'policyVersion');
      }
      return { version, named: true };
    }
    return { version: policyVersionInForce(input.submittedOn), named: false };
  } catch (e) {
    if (e instanceof PolicyLookupError) throw new RulesInputError([{ field: e.field, message: e.message }]);
    throw e;
  }
}

function applyWholeAwardCap(ctx: EvalContext, components: ComponentResult[]): void {
  if (ctx.def.capScope !== 'whole-award' || ctx.supportYear === 1) return;
  for (const component of components) {
    const rule = ctx.def.components.find((c) => c.name === component.name);
    const cap = rule ? wholeAwardCap(rule) : null;
    if (cap === null) continue;
    const paid = sumFen(ctx.priorYears.filter((y) => y.supportYear < ctx.supportYear).map((y) => y.paidFen?.[component.name] ?? 0));
    const remaining = paid >= cap ? 0 : cap - paid;
    const reduced = component.amountFen > remaining;
    const label = COMPONENT_LABEL[component.name];
    if (ctx.trace.kept) ctx.trace.add({
      step: `${component.name}.whole-award-cap`,
      article: ctx.article,
      parameters: { capScope: 'whole-award', capFen: cap },
      inputs: { paidInEarlierYearsFen: paid },
      figures: { remainingFen: remaining },
      result: reduced ? remaining : component.amountFen,
      textZh: `${label.zh}上限适用于整个支持期：上限${zhYuan(cap)}，此前已付${zhYuan(paid)}，余额${zhYuan(remaining)}`,
      textEn: `${label.en} cap applies to the whole award: cap ${enYuan(cap)}, paid in earlier years ${enYuan(paid)}, remaining ${enYuan(remaining)}`,
    });
    if (reduced) {
      component.amountFen = remaining;
      component.beforeOverlapFen = remaining;
      component.capped = true;
      ctx.reasons.push({ code: 'whole-award-cap-reached', article: ctx.article, message: `The ${label.en} cap for the whole award leaves ${enYuan(remaining)}.`, messageZh: `${label.zh}整个支持期上限余额为${zhYuan(remaining)}。` });
    }
  }
}

/** Evaluates one program for the input, without looking for alternatives. */
export function evaluateProgram(input: EvaluationInput, code: ProgramCode, version: PolicyVersion, named: boolean, keepTrace = true): EvaluationResult {
  const def = version.programs[code];
  const trace = new Trace(version.id, keepTrace);
  const ctx: EvalContext = {
    input,
    code,
    def,
    version,
    article: articleZh(def.article),
    supportYear: input.supportYear ?? 1,
    facts: input.facts ?? {},
    qualifications: input.applicant.qualifications ?? [],
    priorAwards: input.applicant.priorAwards ?? [],
    priorYears: input.priorYears ?? [],
    trace,
    reasons: [],
    notes: [],
  };
  if (trace.kept) trace.add({
    step: 'policy-version',
    article: articleZh(14),
    parameters: { policyVersion: version.id, effectiveFrom: version.effectiveFrom },
    inputs: { submittedOn: input.submittedOn, policyVersion: input.policyVersion ?? null },
    result: version.id,
    textZh: named ? `适用案件所载政策版本${version.id}（${version.effectiveFrom}起施行）` : `按申报日${input.submittedOn}适用当日施行的政策版本${version.id}（${version.effectiveFrom}起施行）`,
    textEn: named ? `Policy version ${version.id} (in force from ${version.effectiveFrom}), named by the case` : `Policy version ${version.id} (in force from ${version.effectiveFrom}), the one in force on the submission date ${input.submittedOn}`,
  });

  const { eligible, level } = checkEligibility(ctx);
  let components: ComponentResult[] = [];
  let overlaps: EvaluationResult['overlaps'] = [];
  if (eligible) {
    const missing = missingFacts(ctx);
    if (missing.length > 0) throw new RulesInputError(missing);
    components = def.components.map((rule) => computeComponent(ctx, rule, level));
    applyWholeAwardCap(ctx, components);
    overlaps = applyOverlaps(ctx, components);
  }
  const amountFen = sumFen(components.map((c) => c.amountFen));
  const decidedRule = def.components.find((c) => c.kind === 'decided');
  if (trace.kept) trace.add({
    step: 'total',
    article: ctx.article,
    figures: Object.fromEntries(components.map((c) => [`${c.name}Fen`, c.amountFen])),
    result: amountFen,
    textZh: eligible ? `核定金额合计${zhYuan(amountFen)}` : '不符合支持条件，金额为0',
    textEn: eligible ? `Total amount ${enYuan(amountFen)}` : 'Not eligible: amount 0',
  });
  return {
    program: code,
    article: ctx.article,
    title: { zh: def.titleZh, en: def.titleEn },
    policyVersion: version.id,
    submittedOn: input.submittedOn,
    supportYear: ctx.supportYear,
    eligible,
    amountFen,
    components,
    reasons: ctx.reasons,
    notes: ctx.notes,
    alternatives: [],
    overlaps,
    level,
    decision: {
      decidedAmount: def.decidedAmount,
      decided: def.decidedAmount ? input.facts?.decidedAmountFen !== undefined : true,
      maximumFen: decidedRule ? decidedRule.capFen : null,
      districtResolution: def.districtResolution,
    },
    trace: trace.steps,
  };
}

/** The pure evaluation behind the CLI. Throws RulesInputError on bad input. */
export function evaluate(input: EvaluationInput): EvaluationResult {
  if (!isProgramCode(String(input.program))) throw new RulesInputError([{ field: 'program', message: `unknown program code "${String(input.program)}"` }]);
  const { version, named } = resolveVersion(input);
  return evaluateUnder(input, version, named);
}

/**
 * The same evaluation under a version given as data (a candidate the registry does not
 * hold: the policy preview). No check that the version was in force on submittedOn.
 * keepTrace false computes the same amounts without writing the trace (empty).
 */
export function evaluateUnder(input: EvaluationInput, version: PolicyVersion, named = true, keepTrace = true): EvaluationResult {
  const awardErrors = priorAwardErrors(version, input.applicant.priorAwards ?? []);
  if (awardErrors.length > 0) throw new RulesInputError(awardErrors);
  const result = evaluateProgram(input, input.program, version, named, keepTrace);
  result.alternatives = findAlternatives(input, version, named, result, evaluateProgram, keepTrace);
  return result;
}
