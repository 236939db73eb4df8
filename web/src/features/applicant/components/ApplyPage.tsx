// 在线申报: a program open in this year's annual notice, the recognitions held, the
// figures and the evidence checklist — all generated from the program catalogue — with
// the live estimate beside the form before anything is submitted.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Form, Row, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiProblem } from '../../../lib/api-client';
import { useI18n, useMessages } from '../../../lib/i18n';
import { Link, useNavigate } from '../../../lib/router';
import type { ProgramGuide } from '../../../lib/api-types';
import { catalogueQuery } from '../../programs/api/programs';
import { noticeQuery, useApply } from '../api/applicant';
import { messages } from '../messages';
import { showFieldErrors } from './field-errors';
import { EstimateCard } from './EstimateCard';
import { FactsFields, toFacts } from './FactsFields';
import type { FactValues } from './FactsFields';
import { evidenceList, EvidenceFields } from './EvidenceFields';

interface ApplyValues {
  program?: string;
  qualifications?: string[];
  facts?: FactValues;
  evidence?: Record<string, string>;
}

/** The recognitions that qualify for the program, and those that set its level. */
function recognitionsOf(guide: ProgramGuide) {
  const all = [...guide.qualifications, ...(guide.levels ? [guide.levels.national, guide.levels.provincial] : [])];
  return all.filter((q, i) => all.findIndex((x) => x.code === q.code) === i);
}

/** One id per filled-in form: a retry after a lost answer is the same application. */
const newApplicationId = () => `APP-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomUUID().slice(0, 8)}`;

export function ApplyPage() {
  const { lang } = useI18n();
  const m = useMessages(messages);
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplyValues>();
  const [applicationId] = useState(newApplicationId);
  const catalogue = useQuery(catalogueQuery);
  const year = catalogue.data ? Number(catalogue.data.asOf.slice(0, 4)) : 0;
  const notice = useQuery({ ...noticeQuery(year), enabled: year > 0 });
  const apply = useApply();
  const initialProgram = new URLSearchParams(window.location.search).get('program') ?? undefined;
  const program = Form.useWatch('program', form) ?? initialProgram;
  const qualifications = Form.useWatch('qualifications', form);
  const factValues = Form.useWatch('facts', form);
  const guide = catalogue.data?.programs.find((p) => p.program === program);
  const draft = useMemo(
    () => (guide ? { program: guide.program, qualifications: qualifications ?? [], facts: toFacts(guide.applicationFacts, factValues) } : null),
    [guide, qualifications, factValues],
  );

  if (catalogue.isPending || (year > 0 && notice.isPending)) return <Spin />;
  if (catalogue.error) return <Alert type="error" title={String(catalogue.error)} />;
  const title = <Typography.Title level={1} id="apply-title" style={{ fontSize: 22 }}>{m.apply}</Typography.Title>;
  if (!notice.data) return <article aria-labelledby="apply-title">{title}<Alert type="warning" title={m.noNotice} /></article>;
  const n = notice.data;
  const today = catalogue.data.asOf;
  const windowOpen = n.applicationOpensOn <= today && today <= n.applicationClosesOn;
  const open = catalogue.data.programs.filter((p) => p.program in n.programs);
  const problem = apply.error instanceof ApiProblem ? apply.error : null;

  const submit = (values: ApplyValues) => {
    if (!guide) return;
    apply.mutate(
      { applicationId, program: guide.program, qualifications: values.qualifications ?? [], facts: toFacts(guide.applicationFacts, values.facts), evidence: evidenceList(values.evidence) },
      {
        onSuccess: (accepted) => navigate(`/my-cases/${encodeURIComponent(accepted.caseId)}`),
        onError: (error) => showFieldErrors(form, error, (f) => f.startsWith('facts.') || f.startsWith('qualifications')),
      },
    );
  };

  return (
    <article aria-labelledby="apply-title">
      {title}
      <Typography.Paragraph>{m.applyIntro}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{m.window}: {n.applicationOpensOn} – {n.applicationClosesOn}</Typography.Paragraph>
      {!windowOpen && <Alert type="warning" title={m.windowClosed} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ program: initialProgram, qualifications: [] }} data-testid="apply-form">
            <Card size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="program" label={m.program} rules={[{ required: true, message: m.chooseProgram }]}>
                <Select placeholder={m.chooseProgram} options={open.map((p) => ({ value: p.program, label: `${p.articleName[lang]} · ${p.title[lang]}` }))}
                  onChange={() => form.setFieldsValue({ qualifications: [], facts: {}, evidence: {} })} />
              </Form.Item>
              {guide && <Link to={`/programs/${guide.program}`}>{m.readGuide}</Link>}
            </Card>
            {guide && (
              <>
                {recognitionsOf(guide).length > 0 && (
                  <Card title={m.qualifications} size="small" style={{ marginBottom: 16 }}>
                    <Form.Item name="qualifications" label={m.qualificationsHelp}>
                      <Checkbox.Group options={recognitionsOf(guide).map((q) => ({ value: q.code, label: q.name[lang] }))} />
                    </Form.Item>
                  </Card>
                )}
                <Card title={m.facts} size="small" style={{ marginBottom: 16 }}>
                  <FactsFields set={guide.applicationFacts} />
                </Card>
                <Card title={m.evidence} size="small" style={{ marginBottom: 16 }}>
                  <Typography.Paragraph type="secondary">{m.evidenceHelp}</Typography.Paragraph>
                  <EvidenceFields kinds={guide.evidence} />
                </Card>
                {problem && <Alert type="error" title={`${problem.status} · ${problem.message}`} style={{ marginBottom: 12 }} data-testid="apply-problem" />}
                <Button type="primary" htmlType="submit" loading={apply.isPending} disabled={!windowOpen}>{m.submitApplication}</Button>
              </>
            )}
          </Form>
        </Col>
        <Col xs={24} lg={11}>{guide && draft && <EstimateCard draft={draft} guide={guide} />}</Col>
      </Row>
    </article>
  );
}
