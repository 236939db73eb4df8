// One earlier decision as people read it: a score sheet as criterion, points and the
// total against the pass mark; any other decision as its fields, each labelled in the
// reader's language, amounts in yuan, codes as words.
import { Typography } from 'antd';
import { criterionName } from '../../../lib/domain-terms';
import { useI18n } from '../../../lib/i18n';
import { Money } from '../../../lib/Money';
import type { DecisionForm } from '../api/tasks';

type Criteria = NonNullable<DecisionForm['criteria']>;

function ScoreSheet({ scores, criteria, passMark }: { scores: Record<string, unknown>; criteria: Criteria; passMark: number | null }) {
  const { t, lang } = useI18n();
  const points = Object.entries(scores).map(([name, value]) => {
    const criterion = criteria.find((c) => c.name === name);
    return { name: criterion ? criterionName(criterion, lang) : name, value: Number(value), max: criterion?.maxPoints };
  });
  const total = points.reduce((sum, p) => sum + (Number.isFinite(p.value) ? p.value : 0), 0);
  const max = criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  return (
    <table className="score-sheet" style={{ borderCollapse: 'collapse' }}>
      <tbody>
        {points.map((p) => (
          <tr key={p.name}>
            <th scope="row" style={{ fontWeight: 'normal', textAlign: 'left', paddingRight: 12 }}>{p.name}</th>
            <td style={{ textAlign: 'right' }}>{p.value}{p.max !== undefined && ` / ${p.max}`}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" style={{ textAlign: 'left', paddingRight: 12 }}>{t('totalPoints')}</th>
          <td style={{ textAlign: 'right' }}>
            <strong>{total}</strong>{max > 0 && ` / ${max}`}{passMark !== null && ` · ${t('passMark')} ${passMark}`}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function Value({ name, value }: { name: string; value: unknown }) {
  const { t, term } = useI18n();
  if (typeof value === 'boolean') return <>{value ? t('yes') : t('no')}</>;
  if (typeof value === 'number') return /Fen$/.test(name) ? <Money fen={value} /> : <>{value}</>;
  if (typeof value === 'string') return <>{term(value)}</>;
  if (Array.isArray(value)) {
    return <>{value.map((item) => (item && typeof item === 'object' ? Object.values(item as Record<string, unknown>).map((v) => term(String(v))).join(': ') : term(String(item)))).join('；')}</>;
  }
  if (value && typeof value === 'object') return <Fields outcome={value as Record<string, unknown>} />;
  return <>—</>;
}

function Fields({ outcome }: { outcome: Record<string, unknown> }) {
  const { term, lang } = useI18n();
  return (
    <dl style={{ margin: 0 }}>
      {Object.entries(outcome).map(([name, value]) => (
        // Wraps the value under its label when the column is narrow, never inside the value.
        <div key={name} style={{ display: 'flex', flexWrap: 'wrap', columnGap: 6 }}>
          {/* Amounts are shown in yuan here: the field's "(fen)" would mislead. */}
          <dt style={{ color: 'rgba(0,0,0,0.68)', whiteSpace: 'nowrap' }}>{term(name).replace(/\s*[（(](分|fen)[）)]$/, '')}{lang === 'zh' ? '：' : ':'}</dt>
          <dd style={{ margin: 0, wordBreak: 'break-word' }}><Value name={name} value={value} /></dd>
        </div>
      ))}
    </dl>
  );
}

export function DecisionOutcome({ outcome, criteria, passMark }: { outcome: Record<string, unknown> | null; criteria: Criteria | null; passMark: number | null }) {
  if (!outcome) return <Typography.Text type="secondary">—</Typography.Text>;
  const { scores, ...rest } = outcome;
  if (scores && typeof scores === 'object') {
    return (
      <>
        <ScoreSheet scores={scores as Record<string, unknown>} criteria={criteria ?? []} passMark={passMark} />
        {Object.keys(rest).length > 0 && <Fields outcome={rest} />}
      </>
    );
  }
  return <Fields outcome={outcome} />;
}
