import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../../lib/api-client';
import type { MailSettingsBody, MailSettingsView } from '../../../lib/api-types';

export const mailSettingsQuery = queryOptions({ queryKey: ['mail-settings'], queryFn: () => get<MailSettingsView>('/mail-settings') });

export function useSaveMailSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MailSettingsBody) => api<MailSettingsView>('PUT', '/mail-settings', body),
    onSuccess: (saved) => client.setQueryData(mailSettingsQuery.queryKey, saved),
  });
}
