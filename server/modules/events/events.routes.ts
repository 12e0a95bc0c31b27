import { z } from 'zod';
import {
  CreateEventBody,
  EventAttachmentUploadQuery,
  EventLetterBody,
  EventListPage,
  EventListQuery,
  EventReasonBody,
  EventReportBody,
  EventStatementBody,
  EventTimelineEntry,
  EventVersionBody,
  EventView,
  UpdateEventBody,
} from '../../../domain/schemas/events.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, attachmentDisposition, commonErrors, IdParams, parseData, type App } from '../../lib/http.ts';
import { DATA_FIELD, FILE_FIELD, readFiles, readForm } from '../../lib/uploads.ts';
import { getSettings } from '../settings/index.ts';
import { EVENT_DOCUMENTS } from './events.documents.ts';
import * as svc from './events.service.ts';

const tags = ['events'];
const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const one = { params: IdParams, response: { 200: EventView, ...commonErrors } };

export function registerEventRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary:
          'Events: the calendar and the list (own office; the coordinator and leadership: all offices of the Party), filtered by period, office, counterpart, type, status, stage',
        querystring: EventListQuery,
        response: { 200: EventListPage, ...commonErrors },
      },
    },
    async (request) => svc.listEvents(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'Draft a proposal to take part in or hold an event with the other Party’s prosecutors (O-3.5, A-11)',
        body: CreateEventBody,
        response: { 201: EventView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.createEvent(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/events/:id',
    { schema: { tags, summary: 'One event with its report deadline and the actions open to the caller', ...one } },
    async (request) => svc.getEvent(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/events/:id',
    { schema: { tags, summary: 'Edit a draft or returned proposal', params: IdParams, body: UpdateEventBody, response: one.response } },
    async (request) => svc.updateEvent(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/events/:id/submit',
    {
      schema: {
        tags,
        summary: 'The head or a deputy submits the proposal to the coordinator (O-3.5)',
        params: IdParams,
        body: EventVersionBody,
        response: one.response,
      },
    },
    async (request) => svc.submitEvent(deps, actorOf(request), request.params.id, request.body.version),
  );

  app.post(
    '/api/v1/events/:id/approve',
    {
      schema: {
        tags,
        summary: 'The coordinator approves; the report falls due a set number of days after the end',
        params: IdParams,
        body: EventVersionBody,
        response: one.response,
      },
    },
    async (request) => svc.decideEvent(deps, actorOf(request), request.params.id, 'approve', request.body),
  );

  for (const action of ['return', 'reject'] as const) {
    app.post(
      `/api/v1/events/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'return' ? 'The coordinator returns the proposal for changes, with the reason' : 'The coordinator rejects the proposal, with the reason',
          params: IdParams,
          body: EventReasonBody,
          response: one.response,
        },
      },
      async (request) => svc.decideEvent(deps, actorOf(request), request.params.id, action, request.body),
    );
  }

  app.post(
    '/api/v1/events/:id/cancel',
    { schema: { tags, summary: 'The head or a deputy cancels the event, with the reason', params: IdParams, body: EventReasonBody, response: one.response } },
    async (request) => svc.cancelEvent(deps, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/v1/events/:id/report',
    {
      schema: {
        tags,
        summary: 'Write the report after the event: outcomes, agreements reached, follow-up actions',
        params: IdParams,
        body: EventReportBody,
        response: one.response,
      },
    },
    async (request) => svc.saveReport(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/events/:id/report/submit',
    {
      schema: {
        tags,
        summary: 'The head or a deputy submits the report to the coordinator (O-3.5)',
        params: IdParams,
        body: EventVersionBody,
        response: one.response,
      },
    },
    async (request) => svc.submitReport(deps, actorOf(request), request.params.id, request.body.version),
  );

  app.post(
    '/api/v1/events/:id/report/return',
    {
      schema: {
        tags,
        summary: 'The coordinator returns the report for changes, with the reason',
        params: IdParams,
        body: EventReasonBody,
        response: one.response,
      },
    },
    async (request) => svc.returnReport(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/events/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Every step of the event: who, when, what',
        params: IdParams,
        response: { 200: z.object({ items: z.array(EventTimelineEntry) }), ...commonErrors },
      },
    },
    async (request) => svc.timeline(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/events/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach documents to the proposal (while it is prepared) or to the report (after the event); multipart/form-data',
        params: IdParams,
        querystring: EventAttachmentUploadQuery,
        consumes: ['multipart/form-data'],
        response: { 201: EventView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await svc.assertMayAttach(deps, actor, request.params.id, request.query.role);
      const s = await getSettings(deps.db);
      const files = await readFiles(request, s.attachmentMaxMb * 1024 * 1024);
      return reply.status(201).send(await svc.addAttachments(deps, actor, request.params.id, request.query.role, files));
    },
  );

  app.post(
    '/api/v1/events/:id/counterpart-statement',
    {
      schema: {
        tags,
        summary:
          'Issue 12: on a joint event of a peer node, the caller’s office (a counterpart of it) states its participants and, after the event, its statement of the outcomes (head or deputy); it goes to the proposing node, which applies it as the office’s letter',
        params: IdParams,
        body: EventStatementBody,
        response: { 201: EventView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.stateOnPeerEvent(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/events/:id/counterpart-letters',
    {
      schema: {
        tags,
        summary:
          'Record a letter of a counterpart office off this node about the event: the participants it names and/or its statement of the outcomes, with its scans (issue 10)',
        description:
          `multipart/form-data: the field "${DATA_FIELD}" holds the JSON below (officeCode, letter {channel, number, date, signerName, signerPosition}, participants [{fullName, position}], ` +
          `statement {outcomes, agreements} or null), and the fields "${FILE_FIELD}" the scans of the letter (required except for a telephone call). Recorded as one action of the counterpart, ` +
          'on its behalf and by the letter’s channel: all of it or nothing. Staff of the event’s office; the event approved or reported; the office a counterpart of the event not hosted on this node ' +
          `(COUNTERPART_IN_SYSTEM otherwise); a statement once the event has ended.\n\nJSON of "${DATA_FIELD}":\n\n\`\`\`json\n${JSON.stringify(z.toJSONSchema(EventLetterBody, { io: 'input' }), null, 1)}\n\`\`\``,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: EventView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await svc.assertMayRecordLetter(deps, actor, request.params.id);
      const s = await getSettings(deps.db);
      const { files, data } = await readForm(request, s.attachmentMaxMb * 1024 * 1024, { data: true });
      return reply.status(201).send(await svc.recordCounterpartLetter(deps, actor, request.params.id, parseData(EventLetterBody, data), files));
    },
  );

  app.get(
    '/api/v1/events/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download a document of the event (rights checked, download audited)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        produces: ['application/octet-stream'],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { attachment, data } = await svc.downloadAttachment(deps, actorOf(request), request.params.id, request.params.attachmentId);
      return reply
        .type(attachment.mimeType)
        .header('content-disposition', attachmentDisposition(attachment.fileName))
        .header('x-content-sha256', attachment.sha256)
        .send(data);
    },
  );

  app.get(
    '/api/v1/events/:id/documents/:document',
    {
      schema: {
        tags,
        summary: 'DOCX of the proposal or of the report, as an official letter to the coordinator',
        params: z.object({ id: z.uuid(), document: z.enum(EVENT_DOCUMENTS) }),
        produces: [MIME_DOCX],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { data, fileName } = await svc.eventDocument(deps, actorOf(request), request.params.id, request.params.document);
      return reply.type(MIME_DOCX).header('content-disposition', attachmentDisposition(fileName)).send(data);
    },
  );
}
