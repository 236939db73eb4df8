// Publishing an annual notice: its year, application and reporting windows, the
// programs it opens with their budgets (yuan here, fen to the API), and its settings,
// each shown with its default (left empty, the default applies). Starts from the
// latest notice moved on a year, so next year's notice is mostly a review.
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import type { NewNotice, NoticeDefaults, NoticeView } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { usePublishNotice } from '../api/admin';
import { adminMessages } from '../messages';
import { durationWords } from './durations';
import { problemFields } from './problem-fields';

type SettingKey = keyof NoticeDefaults['settings'];
const NUMBER_SETTINGS: readonly SettingKey[] = ['panelSize', 'paymentAttempts'];

interface NoticeValues {
  year: number;
  applicationOpensOn: string;
  applicationClosesOn: string;
  reportingOpensOn: string;
  reportingClosesOn: string;
  programs: Record<string, { open?: boolean; budgetYuan?: number | null }>;
  settings: Partial<Record<SettingKey, string | number | null>>;
}

const nextYearOf = (date: string, year: number) => `${year}${date.slice(4)}`;
const DATE_FIELDS = ['applicationOpensOn', 'applicationClosesOn', 'reportingOpensOn', 'reportingClosesOn'] as const;

/** A window's date moved to keep its place relative to the notice's year. */
function movedToYear(date: string, year: number, all: NoticeValues): string {
  if (!/^\d{4}-/.test(date ?? '')) return date;
  const from = Number(all.applicationOpensOn.slice(0, 4));
  return nextYearOf(date, Number(date.slice(0, 4)) + (year - from));
}

/** The form's first values: the latest notice a year on, or this year's blank windows. */
export function startingValues(latest: NoticeView | undefined, year: number): NoticeValues {
  if (!latest) {
    return { year, applicationOpensOn: `${year}-03-01`, applicationClosesOn: `${year}-09-30`, reportingOpensOn: `${year}-11-01`, reportingClosesOn: `${year}-12-15`, programs: {}, settings: {} };
  }
  const shift = year - latest.year;
  const moved = (d: string) => nextYearOf(d, Number(d.slice(0, 4)) + shift);
  return {
    year,
    applicationOpensOn: moved(latest.applicationOpensOn),
    applicationClosesOn: moved(latest.applicationClosesOn),
    reportingOpensOn: moved(latest.reportingOpensOn),
    reportingClosesOn: moved(latest.reportingClosesOn),
    programs: Object.fromEntries(Object.entries(latest.programs).map(([code, p]) => [code, { open: true, budgetYuan: p.budgetFen / 100 }])),
    settings: Object.fromEntries(latest.ownSettings.map((key) => [key, latest.settings[key as SettingKey]])),
  };
}

function toNewNotice(values: NoticeValues): NewNotice {
  const programs = Object.fromEntries(
    Object.entries(values.programs ?? {})
      .filter(([, p]) => p.open)
      .map(([code, p]) => [code, { budgetFen: Math.round((p.budgetYuan ?? 0) * 100) }]),
  );
  const settings = Object.fromEntries(Object.entries(values.settings ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return {
    year: values.year,
    applicationOpensOn: values.applicationOpensOn,
    applicationClosesOn: values.applicationClosesOn,
    reportingOpensOn: values.reportingOpensOn,
    reportingClosesOn: values.reportingClosesOn,
    programs: programs as NewNotice['programs'],
    settings: settings as NewNotice['settings'],
  };
}

export function NoticeForm({ defaults, initial, onDone, onCancel }: { defaults: NoticeDefaults; initial: NoticeValues; onDone: (year: number) => void; onCancel: () => void }) {
  const m = useMessages(adminMessages);
  const { lang } = useI18n();
  const [form] = Form.useForm<NoticeValues>();
  const publish = usePublishNotice();
  const settingKeys = Object.keys(defaults.settings) as SettingKey[];
  const fields = ['year', 'applicationOpensOn', 'applicationClosesOn', 'reportingOpensOn', 'reportingClosesOn', 'programs', 'settings'];
  const problems = problemFields(publish.error, fields);
  const programs = Form.useWatch('programs', form) ?? initial.programs;

  const dateField = (name: keyof NoticeValues, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]} {...problems.at(name)}>
      <Input type="date" />
    </Form.Item>
  );

  return (
    <Card title={m.newNotice} size="small" style={{ marginBottom: 16 }} data-testid="notice-form">
      <Form
        form={form}
        layout="vertical"
        name="notice"
        initialValues={initial}
        onValuesChange={(changed: Partial<NoticeValues>, all: NoticeValues) => {
          // Another year: the windows move with it (a notice's application window lies in its year).
          if (typeof changed.year === 'number' && changed.year >= 2000) {
            form.setFieldsValue(Object.fromEntries(DATE_FIELDS.map((name) => [name, movedToYear(all[name], changed.year!, all)])));
          }
        }}
        onFinish={(values) => publish.mutate(toNewNotice(values), { onSuccess: (notice) => onDone(notice.year) })}
      >
        <Row gutter={16}>
          <Col xs={24} md={4}>
            <Form.Item name="year" label={m.year} rules={[{ required: true }]} {...problems.at('year')}>
              <InputNumber min={2000} max={2999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>{dateField('applicationOpensOn', `${m.applicationWindow} · ${m.opensOn}`)}</Col>
          <Col xs={12} md={5}>{dateField('applicationClosesOn', `${m.applicationWindow} · ${m.closesOn}`)}</Col>
          <Col xs={12} md={5}>{dateField('reportingOpensOn', `${m.reportingWindow} · ${m.opensOn}`)}</Col>
          <Col xs={12} md={5}>{dateField('reportingClosesOn', `${m.reportingWindow} · ${m.closesOn}`)}</Col>
        </Row>

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {m.programs}
        </Typography.Title>
        {problems.at('programs').help && <Alert type="error" title={problems.at('programs').help} style={{ marginBottom: 8 }} data-testid="programs-problem" />}
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={defaults.programs}
          style={{ marginBottom: 16 }}
          columns={[
            {
              title: m.openProgram,
              key: 'open',
              width: 80,
              render: (_: unknown, p) => (
                <Form.Item name={['programs', p.code, 'open']} valuePropName="checked" noStyle>
                  <Checkbox aria-label={`${m.openProgram} ${lang === 'zh' ? p.titleZh : p.titleEn}`} />
                </Form.Item>
              ),
            },
            { title: m.name, key: 'title', render: (_: unknown, p) => (lang === 'zh' ? p.titleZh : p.titleEn) },
            {
              title: m.budgetYuan,
              key: 'budget',
              width: 240,
              render: (_: unknown, p) => (
                <Form.Item name={['programs', p.code, 'budgetYuan']} noStyle>
                  <InputNumber min={0} step={10000} precision={2} style={{ width: 200 }} disabled={!programs?.[p.code]?.open} aria-label={`${m.budgetYuan} ${lang === 'zh' ? p.titleZh : p.titleEn}`} />
                </Form.Item>
              ),
            },
          ]}
        />

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {m.settings}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{`${m.settingsHint}${lang === 'zh' ? '。' : '. '}${m.settingLimits}`}</Typography.Paragraph>
        <Row gutter={16}>
          {settingKeys.map((key) => (
            <Col xs={24} md={8} key={key}>
              <Form.Item name={['settings', key]} label={m[key]} extra={`${m.defaultValue}: ${durationWords(defaults.settings[key], lang)}`} {...problems.at(`settings.${key}`)}>
                {NUMBER_SETTINGS.includes(key) ? (
                  <InputNumber style={{ width: '100%' }} placeholder={String(defaults.settings[key])} />
                ) : (
                  <Input placeholder={String(defaults.settings[key])} />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
        {problems.general && <Alert type="error" title={problems.general} style={{ marginBottom: 16 }} data-testid="form-problem" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={publish.isPending}>
            {m.publish}
          </Button>
          <Button onClick={onCancel}>{m.cancel}</Button>
        </Space>
      </Form>
    </Card>
  );
}
