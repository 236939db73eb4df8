// A link to a case's workflow in the Temporal Web UI, at the address the deployment
// configures (GET /config); nothing for a role that does not read workflows.
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../../lib/i18n';
import { configQuery, workflowUrl } from '../api/ops';
import { opsMessages } from '../messages';

export function WorkflowLink({ workflowId, caseId }: { workflowId: string; caseId: string }) {
  const m = useMessages(opsMessages);
  const config = useQuery(configQuery);
  const href = workflowUrl(config.data, workflowId);
  if (!href) return null;
  return (
    <a href={href} target="_blank" rel="noreferrer" data-testid="temporal-link" aria-label={`${m.openInTemporal}: ${caseId}`}>
      {m.openInTemporal}
    </a>
  );
}
