import { useQueryClient } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventAttachmentUploadQuery } from '../../../domain/schemas/events.ts';
import { AttachmentsTable, AttachmentUploader } from '../../components/Attachments.tsx';
import type { ApiQuery } from '../../components/url-filters.ts';
import { eventUploadRoles, type EventAttachmentRole } from './event-rules.ts';
import { eventKeys, useEventRefresh, type EventView } from './useEvents.ts';

/**
 * The files of an event: those of the proposal while it can be edited, those of the report while
 * the report can be written.
 */
export function EventAttachmentsPanel({ event, only }: { event: EventView; only?: EventAttachmentRole }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refresh = useEventRefresh();
  const roles = eventUploadRoles(event).filter((r) => !only || r === only);
  const [role, setRole] = useState<EventAttachmentRole | undefined>(undefined);
  const chosenRole = role && roles.includes(role) ? role : roles[roles.length - 1];
  const reload = () => void qc.invalidateQueries({ queryKey: eventKeys.one(event.id) });
  const query: ApiQuery<typeof EventAttachmentUploadQuery> | null = chosenRole ? { role: chosenRole } : null;

  return (
    <div data-testid={only ? `attachments-${only}` : 'attachments'}>
      {chosenRole && query ? (
        <AttachmentUploader<EventAttachmentRole>
          roles={roles}
          role={chosenRole}
          onRole={setRole}
          roleLabel={(r) => t(`events:attachments.roles.${r}`)}
          rolesLabel={t('events:attachments.roleLabel')}
          addLabel={t(`events:attachments.add.${chosenRole}`)}
          hint={t('items:attachments.typesHint')}
          path={`/api/v1/events/${event.id}/attachments`}
          query={query}
          // The answer is the event with its files.
          onUploaded={(answer) => {
            refresh(answer as EventView);
            void qc.invalidateQueries({ queryKey: eventKeys.timeline(event.id) });
          }}
          reload={reload}
        />
      ) : null}
      <AttachmentsTable
        files={only ? event.attachments.filter((a) => a.role === only) : event.attachments}
        urlOf={(a) => `/api/v1/events/${event.id}/attachments/${a.id}`}
        onDamaged={reload}
        tags={(a) => (
          <Tag>
            {a.role === 'letter' && a.provider
              ? t('events:attachments.letterOf', { code: a.provider.code })
              : t(`events:attachments.roles.${a.role}`, { defaultValue: a.role })}
          </Tag>
        )}
        emptyText={t('items:attachments.empty')}
      />
    </div>
  );
}
