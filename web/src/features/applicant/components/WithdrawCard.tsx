// 撤回: allowed until money is paid (the case refuses it after; its answer is shown).
import { Alert, Button, Card, ConfigProvider, Input, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { ApiProblem } from '../../../lib/api-client';
import { useMessages } from '../../../lib/i18n';
import { useWithdraw } from '../api/applicant';
import { messages } from '../messages';

export function WithdrawCard({ caseId }: { caseId: string }) {
  const m = useMessages(messages);
  const [reason, setReason] = useState('');
  const withdraw = useWithdraw(caseId);
  return (
    <Card title={m.withdraw} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{m.withdrawHint}</Typography.Paragraph>
      <label htmlFor="withdraw-reason" style={{ display: 'block' }}>{m.withdrawReason}</label>
      <Input.TextArea id="withdraw-reason" rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} style={{ display: 'block', margin: '4px 0 12px', maxWidth: 640 }} />
      {withdraw.error && <Alert type="error" title={withdraw.error instanceof ApiProblem ? withdraw.error.message : String(withdraw.error)} style={{ marginBottom: 12 }} />}
      {/* Ant Design's red text falls below WCAG AA contrast on white (axe: color-contrast). */}
      <ConfigProvider theme={{ token: { colorError: '#b3261e', colorErrorHover: '#8c1d18' } }}>
        <Popconfirm title={m.withdrawConfirm} onConfirm={() => withdraw.mutate(reason.trim() ? { reason: reason.trim() } : {})}>
          <Button danger loading={withdraw.isPending}>{m.withdraw}</Button>
        </Popconfirm>
      </ConfigProvider>
    </Card>
  );
}
