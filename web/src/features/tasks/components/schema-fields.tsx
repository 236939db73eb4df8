// Form fields generated from a decision body's JSON Schema (the API's zod schema,
// served by GET /tasks/{id}/decision-form): enums become radio buttons, booleans
// yes/no, integers in fen a number input with the yuan amount beside it, strings a
// text area, a record of points one input per criterion, an object its fields, an
// array of objects a list to add to.
import { Button, Checkbox, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import type { JsonSchema } from '../../../lib/api-types';
import { criterionName } from '../../../lib/domain-terms';
import { useI18n } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';

export interface FieldContext {
  criteria: { name: string; nameZh: string; maxPoints: number }[] | null;
}

type Path = (string | number)[];

function FenInput({ path, label, help, required, schema }: { path: Path; label: string; help?: string | undefined; required: boolean; schema: JsonSchema }) {
  const { t } = useI18n();
  const value = Form.useWatch(path) as number | undefined;
  return (
    <Form.Item label={label} required={required} extra={<span>{help ? `${help} · ` : ''}{t('amountInYuan')}: <strong data-testid={`yuan-${path.join('.')}`}>{fenToYuan(value)}</strong></span>}>
      <Form.Item name={path} noStyle>
        <InputNumber aria-label={label} min={schema.minimum ?? 0} step={1} precision={0} style={{ width: 240 }} />
      </Form.Item>
    </Form.Item>
  );
}

export function SchemaField({ name, schema, path, required, context }: { name: string; schema: JsonSchema; path: Path; required: boolean; context: FieldContext }) {
  const { t, term, lang } = useI18n();
  const label = term(name);
  const help = lang === 'en' ? schema.description : undefined;

  if (schema.enum) {
    return (
      <Form.Item name={path} label={label} required={required} extra={help}>
        <Radio.Group aria-label={label} options={schema.enum.map((v) => ({ value: v, label: term(v) }))} optionType="button" />
      </Form.Item>
    );
  }
  if (schema.type === 'boolean') {
    return (
      <Form.Item name={path} label={label} required={required} extra={help}>
        <Radio.Group aria-label={label} options={[{ value: true, label: t('yes') }, { value: false, label: t('no') }]} optionType="button" />
      </Form.Item>
    );
  }
  if (schema.type === 'integer' && /Fen$/.test(name)) return <FenInput path={path} label={label} help={help} required={required} schema={schema} />;
  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <Form.Item name={path} label={label} required={required} extra={help}>
        <InputNumber aria-label={label} min={schema.minimum} max={schema.maximum !== undefined && schema.maximum < 1e12 ? schema.maximum : undefined} precision={schema.type === 'integer' ? 0 : undefined} style={{ width: 240 }} />
      </Form.Item>
    );
  }
  if (schema.type === 'string') {
    const long = (schema.maxLength ?? 4000) > 200;
    return (
      <Form.Item name={path} label={label} required={required} extra={help}>
        {long ? <Input.TextArea aria-label={label} rows={3} maxLength={schema.maxLength} showCount /> : <Input aria-label={label} maxLength={schema.maxLength} style={{ maxWidth: 360 }} />}
      </Form.Item>
    );
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object' && !schema.properties) {
    // A record: scores by criterion of the program.
    return (
      <fieldset style={{ border: 'none', padding: 0 }}>
        <legend style={{ fontSize: 14 }}>{label}</legend>
        {(context.criteria ?? []).map((c) => (
          <Form.Item key={c.name} name={[...path, c.name]} label={`${criterionName(c, lang)} (0–${c.maxPoints})`} required>
            <InputNumber aria-label={criterionName(c, lang)} min={0} max={c.maxPoints} precision={0} />
          </Form.Item>
        ))}
      </fieldset>
    );
  }
  if (schema.type === 'object' && schema.properties) {
    return (
      <fieldset style={{ border: '1px solid #e5e5e5', padding: '8px 16px', marginBottom: 16 }}>
        <legend style={{ fontSize: 14, width: 'auto', border: 'none', padding: '0 4px', margin: 0 }}>{label}</legend>
        {Object.entries(schema.properties).map(([child, childSchema]) => (
          <SchemaField key={child} name={child} schema={childSchema} path={[...path, child]} required={schema.required?.includes(child) ?? false} context={context} />
        ))}
      </fieldset>
    );
  }
  if (schema.type === 'array' && schema.items?.properties) {
    const items = schema.items;
    return (
      <Form.Item label={label} required={required}>
        <Form.List name={path}>
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  {Object.entries(items.properties ?? {}).map(([child, childSchema]) => (
                    <Form.Item key={child} name={[field.name, child]} label={term(child)} required={items.required?.includes(child) ?? false}>
                      <Input aria-label={term(child)} maxLength={childSchema.maxLength} />
                    </Form.Item>
                  ))}
                  <Button onClick={() => remove(field.name)}>{t('remove')}</Button>
                </Space>
              ))}
              <Button onClick={() => add()}>{t('add')}</Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
    );
  }
  return <Typography.Text type="secondary">{label}</Typography.Text>;
}

/** Drops what the person left empty, so optional fields are not sent as null or "". */
export function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneEmpty).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, pruneEmpty(v)] as const).filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === null || value === '' ? undefined : value;
}

export { Checkbox };
