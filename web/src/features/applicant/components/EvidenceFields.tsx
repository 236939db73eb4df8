// The evidence checklist as fields: one reference (file number, link, archive number)
// per kind the program names, under evidence.<kind>.
import { Form, Input } from 'antd';
import type { ProgramGuide } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { messages } from '../messages';

export const evidenceList = (values: Record<string, string> | undefined) =>
  Object.entries(values ?? {})
    .filter(([, reference]) => reference?.trim())
    .map(([kind, reference]) => ({ kind, reference: reference.trim() }));

export const evidenceValues = (items: { kind: string; reference: string }[]) => Object.fromEntries(items.map((e) => [e.kind, e.reference]));

export function EvidenceFields({ kinds, required = true }: { kinds: ProgramGuide['evidence']; required?: boolean }) {
  const { lang } = useI18n();
  const m = useMessages(messages);
  return (
    <>
      {kinds.map((e, i) => (
        <Form.Item key={e.kind} name={['evidence', e.kind]} label={`${i + 1}. ${e.name[lang]}`} required={required}
          rules={required ? [{ required: true, whitespace: true, message: lang === 'zh' ? '请填写文件编号或链接' : 'Give a file number or link' }] : []}>
          <Input placeholder={m.reference} maxLength={500} />
        </Form.Item>
      ))}
    </>
  );
}
