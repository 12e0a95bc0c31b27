import { z } from 'zod';
import {
  CommunicationView,
  ComplianceQuery,
  ComplianceView,
  ContactChangeQuery,
  ContactChangeView,
  ContactListQuery,
  ContactView,
  CreateContactBody,
  EndContactBody,
  MarkCommunicatedBody,
  OfficeContactsView,
  ReplaceContactBody,
  UpdateContactBody,
} from '../../../domain/schemas/contacts.ts';
import { Locale, page, PageQuery } from '../../../domain/schemas/common.ts';
import { Party } from '../../../domain/schemas/registry.ts';
import { localDate } from '../../../domain/time.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, IdParams, type App } from '../../lib/http.ts';
import { allOffices } from '../registry/index.ts';
import { contactListDocx, contactListXlsx } from './contacts.documents.ts';
import * as svc from './contacts.service.ts';

const ExportQuery = z.object({ party: Party.optional(), lang: Locale.optional() });

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function registerContactRoutes(app: App, deps: Deps): void {
  const tags = ['contacts'];

  app.get(
    '/api/v1/offices/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Contact persons of an office, current or as on a date (O-3.1); every read is audited',
        params: IdParams,
        querystring: ContactListQuery,
        response: { 200: OfficeContactsView, ...commonErrors },
      },
    },
    async (request) => svc.listContacts(deps, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/offices/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Designate a contact person of my office; ГУМПС is notified at once',
        params: IdParams,
        body: CreateContactBody,
        response: { 201: ContactView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.createContact(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/contacts/:id',
    { schema: { tags, summary: 'One contact person', params: IdParams, response: { 200: ContactView, ...commonErrors } } },
    async (request) => svc.getContact(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Change a contact person’s data; ГУМПС is notified at once',
        params: IdParams,
        body: UpdateContactBody,
        response: { 200: ContactView, ...commonErrors },
      },
    },
    async (request) => svc.updateContact(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/contacts/:id/replace',
    {
      schema: {
        tags,
        summary: 'Replace a contact person by a successor from a date; ГУМПС is notified at once',
        params: IdParams,
        body: ReplaceContactBody,
        response: { 201: ContactView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.replaceContact(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/contacts/:id/end',
    {
      schema: {
        tags,
        summary: 'End a designation; ГУМПС is notified at once',
        params: IdParams,
        body: EndContactBody,
        response: { 200: ContactView, ...commonErrors },
      },
    },
    async (request) => svc.endContact(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/contacts/:id/history',
    { schema: { tags, summary: 'Every change of one contact person', params: IdParams, response: { 200: page(ContactChangeView), ...commonErrors } } },
    async (request) => svc.contactHistory(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/contact-changes',
    {
      schema: {
        tags,
        summary: 'Changes of contact persons; `pending=true` lists those not yet communicated to the other Party (O-4.2)',
        querystring: ContactChangeQuery,
        response: { 200: page(ContactChangeView), ...commonErrors },
      },
    },
    async (request) => svc.listChanges(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/contacts/compliance',
    {
      schema: {
        tags,
        summary: 'Coordinator: offices without contacts, overdue or late against the 15-day deadline (O-3.1)',
        querystring: ComplianceQuery,
        response: { 200: ComplianceView, ...commonErrors },
      },
    },
    async (request) => svc.compliance(deps, actorOf(request), request.query.party),
  );

  app.get(
    '/api/v1/contact-communications',
    {
      schema: {
        tags,
        summary: 'Letters that communicated contact changes to the other Party',
        querystring: PageQuery,
        response: { 200: page(CommunicationView), ...commonErrors },
      },
    },
    async (request) => svc.listCommunications(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/contact-communications',
    {
      schema: {
        tags,
        summary: 'Coordinator: mark pending changes as sent to the other Party, with date and outgoing number (P-3, O-4.2)',
        body: MarkCommunicatedBody,
        response: { 201: CommunicationView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.markCommunicated(deps, actorOf(request), request.body)),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `/api/v1/contacts/export.${format}`,
      {
        schema: {
          tags,
          summary: `Coordinator: the current contact list of a Party as ${format.toUpperCase()} (P-3)`,
          querystring: ExportQuery,
          produces: [MIME[format]],
          response: { 200: z.any().describe(`${format.toUpperCase()} file`), ...commonErrors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const list = await svc.currentContactList(deps, actor, request.query.party, format);
        const coordinator = (await allOffices(deps.db)).find((o) => o.party === list.party && o.kind === 'coordinator');
        const input = { ...list, coordinator, lang: request.query.lang ?? 'ru', timeZone: actor.officeTimeZone };
        const body = format === 'docx' ? await contactListDocx(input) : await contactListXlsx(input);
        // The date in the file name is the coordinator's own date, as printed in the document.
        const name = `contacts-${list.party}-${localDate(list.asOf, actor.officeTimeZone)}.${format}`;
        return reply.type(MIME[format]).header('content-disposition', `attachment; filename="${name}"`).send(body);
      },
    );
  }
}
