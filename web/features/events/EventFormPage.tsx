import { Alert, AutoComplete, Card, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import { can } from '../../../domain/access.ts';
import { EVENT_FORMS, EVENT_TYPES, EVENT_VENUES } from '../../../domain/events.ts';
import { COST_ARRANGEMENTS, FORMS } from '../../../domain/items.ts';
import { PARTIES } from '../../../domain/registry.ts';
import { CreateEventBody, UpdateEventBody } from '../../../domain/schemas/events.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { api } from '../../api/client.ts';
import type { OfficeView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DraftFiles, DraftFormFooter, EditableDraft } from '../../components/DraftForm.tsx';
import { blankToNull, useDraftForm } from '../../components/useDraftForm.ts';
import { PriorityAreasSelect } from '../items/PriorityAreasSelect.tsx';
import { pickText, zoneCity } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser, usePartyContext } from '../auth/useSession.ts';
import { useAllOffices } from '../offices/useOffices.ts';
import { EventAttachmentsPanel } from './EventAttachmentsPanel.tsx';
import { LocalDateTimeInput } from './LocalDateTimeInput.tsx';
import { ParticipantRows } from './ParticipantRows.tsx';
import { EVENT_TIME_ZONES, offsetText, zoneOffsetAt } from './event-time.ts';
import { missingInDraft, type EventDraft } from './event-rules.ts';
import { eventKeys, useEvent, useEventRefresh, type EventView } from './useEvents.ts';

interface Participant {
  side?: 'own' | 'counterpart';
  fullName?: string;
  position?: string;
}

/** The form's values: the draft as far as completeness goes (event-rules), with the sides of the participants. */
interface Values extends EventDraft {
  participants?: (Participant | undefined)[];
  costArrangement: string;
}

const CONTENT_KEYS = [
  'type',
  'venue',
  'form',
  'title',
  'country',
  'city',
  'timeZone',
  'startsLocal',
  'endsLocal',
  'counterpartOfficeCodes',
  'participants',
  'agenda',
  'priorityAreas',
  'costArrangement',
  'costTerms',
] as const;

/** The end is not before the start (both are wall-clock times of the same place, so text order is time order). */
const endAfterStart = (b: { startsLocal?: string | null; endsLocal?: string | null }, ctx: z.RefinementCtx) => {
  if (b.startsLocal && b.endsLocal && b.endsLocal < b.startsLocal) {
    ctx.addIssue({ code: 'custom', path: ['endsLocal'], message: 'The end is before the start', params: { rule: 'date_range' } });
  }
};
const CreateForm = CreateEventBody.superRefine(endAfterStart);
const UpdateForm = UpdateEventBody.superRefine(endAfterStart);

function bodyOf(v: Values) {
  return {
    type: v.type ?? null,
    venue: v.venue ?? null,
    form: v.form ?? null,
    title: v.title ?? '',
    country: v.country ?? '',
    city: v.city ?? '',
    timeZone: v.timeZone ?? null,
    startsLocal: v.startsLocal ?? null,
    endsLocal: v.endsLocal ?? null,
    counterpartOfficeCodes: v.counterpartOfficeCodes ?? [],
    // A row left entirely blank is not a participant; a row with a position but no name is an error to show.
    participants: (v.participants ?? [])
      .filter((p): p is Participant => Boolean(p && (p.fullName?.trim() || p.position?.trim())))
      .map((p) => ({ side: p.side ?? 'own', fullName: p.fullName ?? '', position: p.position ?? '' })),
    agenda: v.agenda ?? '',
    priorityAreas: v.priorityAreas ?? [],
    costArrangement: v.costArrangement,
    costTerms: v.costArrangement === 'agreed' ? blankToNull(v.costTerms) : null,
  };
}

function valuesOf(e: EventView): Values {
  return {
    type: e.type,
    venue: e.venue,
    form: e.form,
    title: e.title,
    country: e.country,
    city: e.city,
    timeZone: e.timeZone,
    startsLocal: e.startsLocal,
    endsLocal: e.endsLocal,
    counterpartOfficeCodes: e.counterparts.map((c) => c.code),
    participants: e.participants.map((p) => ({ ...p })),
    agenda: e.agenda,
    priorityAreas: e.priorityAreas,
    costArrangement: e.costArrangement,
    costTerms: e.costTerms,
  };
}

/** /events/new: a new proposal, saved as a draft. */
export function NewEventPage() {
  return <EventForm />;
}

/** /events/:id/edit: a draft or a returned proposal. */
export function EditEventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <EditableDraft
      draft={useEvent(id)}
      editable={(event) => event.availableActions.includes('update')}
      notEditable={t('events:form.notEditable')}
      back={{ to: `/events/${id}`, label: t('events:actions.backToEvent') }}
    >
      {(event) => <EventForm key={event.id} event={event} />}
    </EditableDraft>
  );
}

function EventForm({ event }: { event?: EventView }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const locale = currentLocale();
  const user = useUser();
  const refresh = useEventRefresh();
  const offices = useAllOffices();
  const d = useDraftForm({
    draft: event,
    blank: { costArrangement: 'each_own', counterpartOfficeCodes: [], participants: [], priorityAreas: [] } as Values,
    valuesOf,
    bodyOf,
    contentKeys: CONTENT_KEYS,
    // The two times go together so their order is checked, with the zone that gives them their instant.
    together: ['startsLocal', 'endsLocal', 'timeZone'],
    createSchema: CreateForm,
    updateSchema: UpdateForm,
    create: (body) => api.post<EventView>('/api/v1/events', body),
    update: (id, body) => api.patch<EventView>(`/api/v1/events/${id}`, body),
    refresh,
    draftKey: eventKeys.one,
    pathOf: (saved) => `/events/${saved.id}`,
    cancelPath: '/events',
    savedText: t('events:form.saved'),
  });
  const { form, initial, values: v } = d;

  const all = offices.data?.items ?? [];
  const otherParty = PARTIES.find((p) => p !== user.office.party)!;
  // Prosecutor's offices of the other Party (its coordinating and central bodies are not counterparts of an office).
  const counterpartOffices = all
    .filter((o) => o.party !== user.office.party && o.kind !== 'coordinator' && o.kind !== 'leadership')
    .sort((a, b) => a.code.localeCompare(b.code));
  const counterpartOptions = counterpartOffices.map((o: OfficeView) => ({ value: o.code, label: `${pickText(o.name, locale)} (${o.code})` }));
  for (const c of event?.counterparts ?? []) {
    if (!counterpartOptions.some((o) => o.value === c.code)) counterpartOptions.push({ value: c.code, label: `${pickText(c.name, locale)} (${c.code})` });
  }
  const zones: string[] = [...EVENT_TIME_ZONES];
  if (v.timeZone && !zones.includes(v.timeZone)) zones.push(v.timeZone);
  if (!zones.includes(user.office.timeZone)) zones.push(user.office.timeZone);
  const countryOptions = PARTIES.map((p) => ({ value: t(`common:parties.${p}`) }));

  /** Sensible defaults as the user goes: the country from the venue, the zone from the place's office. */
  const onValuesChange = (changed: Partial<Values>, values: Values) => {
    if ('venue' in changed && changed.venue && !values.country?.trim()) {
      form.setFieldValue('country', t(`common:parties.${changed.venue === 'home' ? user.office.party : otherParty}`));
    }
    if (!values.timeZone) {
      if ('venue' in changed && changed.venue === 'home') form.setFieldValue('timeZone', user.office.timeZone);
      const first = values.counterpartOfficeCodes?.[0];
      const office = first ? all.find((o) => o.code === first) : undefined;
      if (values.venue === 'abroad' && office && ('counterpartOfficeCodes' in changed || 'venue' in changed)) form.setFieldValue('timeZone', office.timeZone);
    }
  };

  if (!can(user, 'events.propose')) return <Alert type="warning" showIcon title={t('events:form.staffOnly')} />;

  const missing = missingInDraft(v);
  const title = event ? t('events:form.editTitle', { number: formatNumber(event) }) : t('events:form.newTitle');
  const mark = { required: true };

  return (
    <>
      <PageHeader title={title}>
        <Typography.Text type="secondary">{t('events:form.intro', party)}</Typography.Text>
      </PageHeader>
      {event?.status === 'returned' && event.decision?.reason ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('events:page.returnedTitle')}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{event.decision.reason}</div>}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={d.submit}
        onValuesChange={onValuesChange}
        scrollToFirstError
        style={{ maxWidth: 1100 }}
      >
        <ErrorAlert error={d.error} />
        <Card title={t('events:form.sections.event')} style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            <Col xs={24} md={10}>
              <Form.Item name="type" label={t('events:fields.type')} {...mark}>
                <Select
                  autoFocus
                  allowClear
                  placeholder={t('events:form.chooseType')}
                  options={EVENT_TYPES.map((x) => ({ value: x, label: t(`events:types.${x}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="title" label={t('events:fields.title')} {...mark}>
                <Input maxLength={500} showCount placeholder={t('events:form.titlePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="venue" label={t('events:fields.venue')} extra={t('events:form.venueHint')} {...mark}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={EVENT_VENUES.map((x) => ({ value: x, label: t(`events:venues.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="form" label={t('events:fields.form')} extra={t('events:form.formHint', party)} {...mark}>
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {EVENT_FORMS.map((f) => (
                <Radio key={f} value={f}>
                  <Typography.Text strong>{`${FORMS.indexOf(f) + 1}. ${t(`items:formsShort.${f}`)}`}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`items:forms.${f}`)}
                    </Typography.Text>
                  </div>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        </Card>

        <Card
          title={t('events:form.sections.placeTime')}
          style={{ marginBottom: 16 }}
          extra={<Typography.Text type="secondary">{t('events:form.localTimeNote')}</Typography.Text>}
        >
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Form.Item name="country" label={t('events:fields.country')} {...mark}>
                <AutoComplete options={countryOptions} maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="city" label={t('events:fields.city')} {...mark}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="timeZone" label={t('events:fields.timeZone')} extra={t('events:form.timeZoneHint')} {...mark}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('events:form.chooseTimeZone')}
                  options={zones.map((z) => ({ value: z, label: `${zoneCity(t, z, 'name')} (UTC${offsetText(zoneOffsetAt(z, null))})` }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Form.Item name="startsLocal" label={t('events:fields.startsLocal')} {...mark}>
                <LocalDateTimeInput placeholder={t('events:form.dateTimePlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="endsLocal" label={t('events:fields.endsLocal')} {...mark}>
                <LocalDateTimeInput placeholder={t('events:form.dateTimePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('events:form.sections.participants')} style={{ marginBottom: 16 }}>
          <Form.Item name="counterpartOfficeCodes" label={t('events:fields.counterparts')} extra={t('events:form.counterpartsHint')} {...mark}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={offices.isPending}
              placeholder={t('events:form.chooseCounterparts')}
              options={counterpartOptions}
            />
          </Form.Item>
          <Typography.Text strong>{t('events:fields.participants')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('events:form.participantsHint')}
          </Typography.Paragraph>
          <ParticipantRows withSide />
        </Card>

        <Card title={t('events:form.sections.content')} style={{ marginBottom: 16 }}>
          <Form.Item name="agenda" label={t('events:fields.agenda')} extra={t('events:form.agendaHint')} {...mark}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name="priorityAreas" label={t('items:fields.priorityAreas')} extra={t('items:form.areasHint')} {...mark}>
            <PriorityAreasSelect />
          </Form.Item>
        </Card>

        <Card title={t('events:form.sections.costs')} style={{ marginBottom: 16 }}>
          <Form.Item name="costArrangement" label={t('items:fields.costArrangement')} extra={t('items:form.costHint')}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={COST_ARRANGEMENTS.map((c) => ({ value: c, label: t(`items:costs.${c}`) }))}
            />
          </Form.Item>
          {v.costArrangement === 'agreed' ? (
            <Form.Item name="costTerms" label={t('items:fields.costTerms')} {...mark}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={20000} />
            </Form.Item>
          ) : null}
        </Card>

        <DraftFormFooter
          missing={missing.map((f) => t(`events:mandatory.${f}`, { defaultValue: f }))}
          missingTitle={t('events:form.missingTitle')}
          completeTitle={t('events:form.complete')}
          saveLabel={event ? t('common:actions.save') : t('events:form.saveDraft')}
          pending={d.pending}
          onCancel={d.cancel}
        />
      </Form>
      <DraftFiles title={t('events:page.attachments')} afterSave={t('events:form.filesAfterSave')}>
        {event ? <EventAttachmentsPanel event={event} only="proposal" /> : null}
      </DraftFiles>
    </>
  );
}
