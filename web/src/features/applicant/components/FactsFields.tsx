// Form fields for a program's figures, generated from the catalogue's fact set: money
// in yuan (sent as fen), area in m² to two decimals, whole months, yes/no. Each field
// is named facts.<fact>, so a problem the API names (body.facts.x) lands on it.
import { Form, InputNumber, Radio } from 'antd';
import type { ProgramGuide } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { messages } from '../messages';

export type FactSet = NonNullable<ProgramGuide['yearlyReportFacts']>;
type Fact = FactSet['required'][number];
export type FactValues = Record<string, number | boolean | null | undefined>;

/** Form values (yuan) to the API's facts (fen); empty fields are left out. */
export function toFacts(set: FactSet, values: FactValues | undefined): Record<string, number | boolean> {
  const facts: Record<string, number | boolean> = {};
  for (const f of [...set.required, ...set.optional]) {
    const v = values?.[f.fact];
    if (v === null || v === undefined) continue;
    facts[f.fact] = f.unit === 'fen' && typeof v === 'number' ? Math.round(v * 100) : v;
  }
  return facts;
}

/** The API's facts (fen) as form values (yuan). */
export function fromFacts(set: FactSet, facts: Record<string, unknown>): FactValues {
  const values: FactValues = {};
  for (const f of [...set.required, ...set.optional]) {
    const v = facts[f.fact];
    if (typeof v === 'number') values[f.fact] = f.unit === 'fen' ? v / 100 : v;
    else if (typeof v === 'boolean') values[f.fact] = v;
  }
  return values;
}

/** Form.Item hands its value, onChange and id to its child: passed on to the control. */
function FactInput({ fact, ...control }: { fact: Fact; value?: unknown; onChange?: (v: unknown) => void; id?: string }) {
  const m = useMessages(messages);
  const { lang } = useI18n();
  if (fact.unit === 'boolean') return <Radio.Group {...control} options={[{ value: true, label: m.yes }, { value: false, label: m.no }]} optionType="button" />;
  const number = control as { value?: number | null; onChange?: (v: number | null) => void; id?: string };
  if (fact.unit === 'months') return <InputNumber {...number} min={0} max={12} precision={0} suffix={lang === 'zh' ? '月' : 'months'} style={{ width: 200 }} />;
  if (fact.unit === 'm2') return <InputNumber {...number} min={0} precision={2} suffix="m²" style={{ width: 240 }} />;
  return <InputNumber {...number} min={0} precision={2} suffix={m.yuan} style={{ width: 280 }} />;
}

export function FactsFields({ set }: { set: FactSet }) {
  const { lang } = useI18n();
  const facts = [...set.required.map((f) => ({ f, required: true })), ...set.optional.map((f) => ({ f, required: false }))];
  return (
    <>
      {facts.map(({ f, required }) => (
        <Form.Item key={f.fact} name={['facts', f.fact]} label={f.name[lang]} required={required} rules={required ? [{ required: true, message: lang === 'zh' ? '必填' : 'Required' }] : []}>
          <FactInput fact={f} />
        </Form.Item>
      ))}
    </>
  );
}
