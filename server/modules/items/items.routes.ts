import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { ITEM_DOCUMENTS, type ItemDocument } from '../../../domain/items.ts';
import {
  AttachmentUploadQuery,
  ItemAttachmentView,
  ConsentDecisionBody,
  ConsentRequestBody,
  ConsentView,
  CreateItemBody,
  ItemListPage,
  ItemListQuery,
  ItemView,
  MessageView,
  PieceLevelBody,
  ReceiveLetterBody,
  SignatureView,
  TimelineEntry,
  UpdateItemBody,
  UseBody,
  UseView,
} from '../../../domain/schemas/items.ts';
import {
  ITEM_ACTION_ROUTES,
  ITEM_ACTION_SPECS,
  LETTER_ACTION_BODIES,
  postedAction,
  RecordLetterHead,
  type ItemActionBody,
  type PostedItemAction,
} from '../../../domain/schemas/item-actions.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, attachmentDisposition, commonErrors, IdParams, parseData, type App } from '../../lib/http.ts';
import { getSettings } from '../settings/index.ts';
import { decideConsent, listConsents, listUses, recordUse, requestConsent } from './items.consents.ts';
import { itemDocument } from './items.export.ts';
import { addSideAttachments, downloadAttachment, verifySignature } from './items.files.ts';
import { DATA_FIELD, FILE_FIELD, readFiles, readForm } from '../../lib/uploads.ts';
import { recordLetter } from './items.letter-actions.ts';
import * as svc from './items.service.ts';

const tags = ['items'];
const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The service call of each posted action: the table's body, typed per action. */
const ACTION_HANDLERS: { [A in PostedItemAction]: (d: Deps, a: ReturnType<typeof actorOf>, id: string, body: ItemActionBody<A>) => Promise<ItemView> } = {
  sign: svc.sign,
  send: svc.send,
  send_oral: svc.sendOral,
  confirm_in_writing: svc.confirmInWriting,
  withdraw: svc.withdraw,
  register: svc.register,
  assign: svc.assign,
  doubt_authenticity: svc.doubtAuthenticity,
  confirm_authenticity: svc.confirmAuthenticity,
  open_consultation: (d, a, id, b) => svc.postMessage(d, a, id, b, true),
  message: (d, a, id, b) => svc.postMessage(d, a, id, b, false),
  propose_conditions: (d, a, id, b) => svc.postMessage(d, a, id, b, false),
  accept_conditions: (d, a, id, b) => svc.decideConditions(d, a, id, b, true),
  reject_conditions: (d, a, id, b) => svc.decideConditions(d, a, id, b, false),
  close_consultation: svc.closeConsultation,
  record_outcome: svc.recordOutcome,
  forward: svc.forward,
  return: svc.returnToSender,
  revise: svc.revise,
};

export function registerItemRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/items',
    {
      schema: {
        tags,
        summary: 'Journals: incoming, outgoing, or (coordinator) all items of the Party; filters and full-text search (Russian and Kazakh)',
        querystring: ItemListQuery,
        response: { 200: ItemListPage, ...commonErrors },
      },
    },
    async (request) => svc.listItems(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/items',
    {
      schema: {
        tags,
        summary: 'Draft a request or an initiative proposal (A-6.1); a matter outside the Protocol is addressed to the coordinator (O-3.4)',
        body: CreateItemBody.extend({ toOfficeCode: CreateItemBody.shape.toOfficeCode.unwrap() }),
        response: { 201: ItemView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.createItem(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/items/:id',
    {
      schema: {
        tags,
        summary: 'One item with its deadlines and the actions open to the caller; confidential reads are audited',
        params: IdParams,
        response: { 200: ItemView, ...commonErrors },
      },
    },
    async (request) => svc.getItem(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/items/:id',
    {
      schema: {
        tags,
        summary: 'Edit the content; a signature is voided and the item returns to draft (A-6.4)',
        params: IdParams,
        body: UpdateItemBody,
        response: { 200: ItemView, ...commonErrors },
      },
    },
    async (request) => svc.updateItem(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/items/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Every event of the item: who, when, what',
        params: IdParams,
        response: { 200: z.object({ items: z.array(TimelineEntry) }), ...commonErrors },
      },
    },
    async (request) => svc.timeline(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/items/:id/messages',
    {
      schema: {
        tags,
        summary: 'The consultation thread (A-7.2); each message under its own level, reads of those not open audited (A-9.1)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(MessageView) }), ...commonErrors },
      },
    },
    async (request) => svc.messages(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/items/:id/confidentiality',
    {
      schema: {
        tags,
        summary:
          'Raise the degree of confidentiality of an answer, a message or a file one’s own side provided (A-9.2: set by the providing Party, never lowered once given)',
        params: IdParams,
        body: PieceLevelBody,
        response: { 200: ItemView, ...commonErrors },
      },
    },
    async (request) => svc.setPieceLevel(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/items/:id/signature',
    {
      schema: {
        tags,
        summary: 'Verify the current signature against the stored content and files (A-6.4, A-6.2b)',
        params: IdParams,
        response: { 200: SignatureView, ...commonErrors },
      },
    },
    async (request) => verifySignature(deps, actorOf(request), request.params.id),
  );

  // Each posted action of domain/schemas/item-actions.ts, on its path; a shared path once.
  for (const route of ITEM_ACTION_ROUTES) {
    const { summary, body } = ITEM_ACTION_SPECS[route.actions[0]!];
    app.post(
      `/api/v1/items/:id/${route.path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: ItemView, ...commonErrors } } },
      async (request) => {
        const b = request.body as { proposedConditions?: string };
        return ACTION_HANDLERS[postedAction(route, b)](deps, actorOf(request), (request.params as { id: string }).id, b as never);
      },
    );
  }

  app.post(
    '/api/v1/items/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Upload files (multipart). role=content: part of the signed content (sender, draft); outcome; consultation',
        params: IdParams,
        querystring: AttachmentUploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ItemView, 201: z.object({ items: z.array(ItemAttachmentView) }), ...commonErrors, 413: commonErrors[400], 415: commonErrors[400] },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Rights first: a caller who may not attach learns nothing from how the upload is refused.
      await svc.assertMayAttach(deps, actor, request.params.id, request.query.role);
      const s = await getSettings(deps.db);
      const files = await readFiles(request, s.attachmentMaxMb * 1024 * 1024);
      if (request.query.role === 'content') {
        if (!request.query.version)
          throw new AppError('VALIDATION_FAILED', 'version is required', { issues: [{ field: 'querystring.version', rule: 'required', message: 'Required' }] });
        return reply
          .status(200)
          .send(
            await svc.addContentAttachments(
              deps,
              actor,
              request.params.id,
              request.query.version,
              files,
              request.query.confidentiality,
              request.query.translation,
            ),
          );
      }
      return reply
        .status(201)
        .send({ items: await addSideAttachments(deps, actor, request.params.id, request.query.role, files, request.query.confidentiality) });
    },
  );

  // Issue 10: counterparts off the system. A letter and its scans arrive in one multipart request
  // (the JSON in the field `data`, the scans in `file`) and are stored in one action.
  const uploadErrors = { ...commonErrors, 413: commonErrors[400], 415: commonErrors[400] };
  const maxBytes = async () => (await getSettings(deps.db)).attachmentMaxMb * 1024 * 1024;

  app.post(
    '/api/v1/items/received',
    {
      schema: {
        tags,
        summary: `A request or proposal received by letter from an office off the system, with its scans (multipart: ${DATA_FIELD} = ReceiveLetterBody as JSON, ${FILE_FIELD} = scans)`,
        consumes: ['multipart/form-data'],
        response: { 201: ItemView, ...uploadErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await svc.assertMayReceiveLetters(deps, actor);
      const { files, data } = await readForm(request, await maxBytes(), { data: true });
      return reply.status(201).send(await svc.receiveByLetter(deps, actor, parseData(ReceiveLetterBody, data), files));
    },
  );

  app.post(
    '/api/v1/items/:id/letters',
    {
      schema: {
        tags,
        summary: `Record a letter of the counterpart off the system as its action, with its scans (multipart: ${DATA_FIELD} = RecordLetterBody as JSON, ${FILE_FIELD} = scans)`,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: ItemView, ...uploadErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // Rights first: a caller who may not record learns nothing from how the upload is refused.
      await svc.assertMayRecordLetters(deps, actor, request.params.id);
      const { files, data } = await readForm(request, await maxBytes(), { data: true });
      const head = parseData(RecordLetterHead.passthrough(), data);
      const body = parseData(LETTER_ACTION_BODIES[head.action], data);
      return recordLetter(deps, actor, request.params.id, head.action, body as never, { letter: head.letter, scans: files });
    },
  );

  app.delete(
    '/api/v1/items/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Remove a content attachment from a draft (voids the signature)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        querystring: z.object({ version: z.coerce.number().int().min(1) }),
        response: { 200: ItemView, ...commonErrors },
      },
    },
    async (request) => svc.removeContentAttachment(deps, actorOf(request), request.params.id, request.params.attachmentId, request.query.version),
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Download an attachment (rights checked, download audited)',
        params: IdParams,
        produces: ['application/octet-stream'],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { attachment, data } = await downloadAttachment(deps, actorOf(request), request.params.id);
      return reply
        .type(attachment.mimeType)
        .header('content-disposition', attachmentDisposition(attachment.fileName))
        .header('x-content-sha256', attachment.sha256)
        .send(data);
    },
  );

  app.get(
    '/api/v1/items/:id/consents',
    {
      schema: {
        tags,
        summary: 'Consent requests for another use of the information (A-9.3)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(ConsentView) }), ...commonErrors },
      },
    },
    async (request) => listConsents(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/items/:id/consents',
    {
      schema: {
        tags,
        summary: 'Ask the providing office for consent to use the information for another purpose (A-9.3)',
        params: IdParams,
        body: ConsentRequestBody,
        response: { 201: ConsentView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await requestConsent(deps, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/consents/:id/decision',
    {
      schema: {
        tags,
        summary: 'The providing office grants or refuses consent (A-9.3)',
        params: IdParams,
        body: ConsentDecisionBody,
        response: { 200: ConsentView, ...commonErrors },
      },
    },
    async (request) => decideConsent(deps, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/items/:id/uses',
    {
      schema: {
        tags,
        summary: 'Recorded uses of the information received',
        params: IdParams,
        response: { 200: z.object({ items: z.array(UseView) }), ...commonErrors },
      },
    },
    async (request) => listUses(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/items/:id/uses',
    {
      schema: {
        tags,
        summary: 'Record a use of received information for a purpose; another purpose needs consent (A-9.3)',
        params: IdParams,
        body: UseBody,
        response: { 201: UseView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordUse(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/items/:id/documents/:document',
    {
      schema: {
        tags,
        summary:
          'DOCX of a letter of the item: the request, its written confirmation (A-6.2a), the authenticity question (A-6.2b), the refusal notice (A-7.3), the outcome letter (A-8.2), or a consent request or decision (A-9.3, with consentId); exporting received confidential information asks for the purpose (A-9.3)',
        params: z.object({
          id: z.uuid(),
          document: z.enum(ITEM_DOCUMENTS.map((d) => `${d}.docx` as const) as [`${ItemDocument}.docx`, ...`${ItemDocument}.docx`[]]),
        }),
        querystring: z.object({ purpose: z.string().trim().min(3).max(2000).optional(), consentId: z.uuid().optional() }),
        produces: [MIME_DOCX],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const doc = request.params.document.replace('.docx', '') as ItemDocument;
      const { buffer, fileName } = await itemDocument(deps, actorOf(request), request.params.id, doc, request.query.purpose, request.query.consentId);
      return reply.type(MIME_DOCX).header('content-disposition', attachmentDisposition(fileName)).send(buffer);
    },
  );

  app.get(
    '/api/v1/items/:id/executors',
    {
      schema: {
        tags,
        summary: 'Users of the requested office who can be assigned as executor',
        params: IdParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), fullName: z.string() })) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await svc.executorsOf(deps, actorOf(request), request.params.id) }),
  );
}
