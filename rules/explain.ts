// Renders an evaluation result as readable text, in Chinese or English.

import { articleEnOf } from './codes.js';
import { enYuan, zhYuan, COMPONENT_LABEL } from './trace.js';
import type { EvaluationResult } from './types.js';

export type Lang = 'zh' | 'en';

export function explain(result: EvaluationResult, lang: Lang): string {
  const zh = lang === 'zh';
  const money = zh ? zhYuan : enYuan;
  // Articles are stored as the measures cite them (第六条); English names them "Art. 6".
  const article = (a: string) => (zh ? a : articleEnOf(a));
  const lines: string[] = [];
  lines.push(zh ? `${result.program} ${result.title.zh}（${result.article}）` : `${result.program} ${result.title.en} (${article(result.article)})`);
  lines.push(zh ? `政策版本：${result.policyVersion}；申报日：${result.submittedOn}；支持年度：第${result.supportYear}年` : `Policy version: ${result.policyVersion}; submitted on: ${result.submittedOn}; support year: ${result.supportYear}`);
  lines.push(zh ? `结论：${result.eligible ? '符合条件' : '不符合条件'}，核定金额${money(result.amountFen)}` : `Result: ${result.eligible ? 'eligible' : 'not eligible'}, amount ${money(result.amountFen)}`);
  if (result.components.length > 0) {
    lines.push(zh ? '分项：' : 'Components:');
    for (const c of result.components) {
      const label = COMPONENT_LABEL[c.name];
      lines.push(`  - ${zh ? label.zh : label.en}: ${money(c.amountFen)}${c.capped ? (zh ? '（已按上限）' : ' (capped)') : ''}`);
    }
  }
  if (result.reasons.length > 0) {
    lines.push(zh ? '原因：' : 'Reasons:');
    for (const r of result.reasons) lines.push(`  - [${article(r.article)}] ${zh ? r.messageZh : r.message}`);
  }
  if (result.notes.length > 0) {
    lines.push(zh ? '说明：' : 'Notes:');
    for (const r of result.notes) lines.push(`  - [${article(r.article)}] ${zh ? r.messageZh : r.message}`);
  }
  if (result.alternatives.length > 0) {
    lines.push(zh ? '更优选项：' : 'More favourable options:');
    for (const a of result.alternatives) lines.push(`  - [${article(a.article)}] ${zh ? a.messageZh : a.message}`);
  }
  lines.push(zh ? '计算过程：' : 'Calculation:');
  result.trace.forEach((s, i) => {
    lines.push(`  ${i + 1}. [${article(s.article)}] ${zh ? s.textZh : s.textEn}`);
  });
  return lines.join('\n') + '\n';
}
