import { z } from 'zod';
import { IsoDate, page, PageQuery } from '../../../domain/schemas/common.ts';
import {
  ChangeHostingBody,
  CreateLegalBasisBody,
  CreateOfficeBody,
  CounterpartsView,
  CreatePairingBody,
  DirectExchangeQuery,
  DirectExchangeView,
  HistoryEntry,
  LegalBasisView,
  MarkNoticesSentBody,
  OfficeHistoryQuery,
  OfficeListQuery,
  OfficeView,
  PairingListQuery,
  PairingView,
  PartyNoticeListQuery,
  PartyNoticeView,
  TerminationNoticeBody,
  UpdateLegalBasisBody,
  UpdateOfficeBody,
  UpdatePairingBody,
} from '../../../domain/schemas/registry.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, IdParams, type App } from '../../lib/http.ts';
import { etagMatches } from './registry.cache.ts';
import * as svc from './registry.service.ts';

const NotModified = z.null().describe('Not modified: the ETag sent in If-None-Match is still current');

export function registerRegistryRoutes(app: App, deps: Deps): void {
  const tags = ['registry'];

  app.get(
    '/api/v1/offices',
    {
      schema: {
        tags,
        summary: 'Offices of both Parties, filtered by Party, kind, authorization, text, date in force',
        querystring: OfficeListQuery,
        response: { 200: page(OfficeView), 304: NotModified, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const answer = await svc.officeListAnswer(deps, actor, request.query);
      if (!answer) return svc.listOffices(deps, actor, request.query);
      // The browser keeps the list and asks again with If-None-Match: a 304 until the registry changes.
      void reply.header('etag', answer.etag).header('cache-control', 'private, no-cache');
      if (etagMatches(request.headers['if-none-match'], answer.etag)) return reply.code(304).send(undefined as never);
      // Already encoded by the response schema (officeListAnswer): sent as it is.
      return reply.type('application/json; charset=utf-8').send((await answer.body()) as never);
    },
  );

  app.post(
    '/api/v1/offices',
    {
      schema: {
        tags,
        summary: 'Create an office (coordinator of its Party, or administrator)',
        body: CreateOfficeBody,
        response: { 201: OfficeView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.createOffice(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/offices/:id',
    { schema: { tags, summary: 'One office', params: IdParams, response: { 200: OfficeView, ...commonErrors } } },
    async (request) => svc.getOffice(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/offices/:id',
    {
      schema: {
        tags,
        summary: 'Edit an office; the change is kept in its history with the date it takes effect',
        params: IdParams,
        body: UpdateOfficeBody,
        response: { 200: OfficeView, ...commonErrors },
      },
    },
    async (request) => svc.updateOffice(deps, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/v1/offices/:id/hosting',
    {
      schema: {
        tags,
        summary: 'Where the office works: here, at a peer node (name, https address) or off the system; kept in its history',
        params: IdParams,
        body: ChangeHostingBody,
        response: { 200: OfficeView, ...commonErrors },
      },
    },
    async (request) => svc.changeHosting(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/party-notices',
    {
      schema: {
        tags,
        summary: 'A-5.3 notices this Party owes offices with no users on this node (the other Party’s coordinator), pending until sent by letter',
        querystring: PartyNoticeListQuery,
        response: { 200: page(PartyNoticeView), ...commonErrors },
      },
    },
    async (request) => svc.listPartyNotices(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/party-notices/sent',
    {
      schema: {
        tags,
        summary: 'Record the letter that carried pending notices (all of the coordinator’s Party, or those named)',
        body: MarkNoticesSentBody,
        response: { 200: z.object({ sent: z.number().int() }), ...commonErrors },
      },
    },
    async (request) => svc.markPartyNoticesSent(deps, actorOf(request), request.body),
  );

  app.get(
    '/api/v1/offices/:id/counterparts',
    {
      schema: {
        tags,
        summary: 'Paired offices and whether direct exchange with each is allowed on a date (today by default)',
        params: IdParams,
        querystring: z.object({ on: IsoDate.optional() }),
        response: { 200: CounterpartsView, ...commonErrors },
      },
    },
    async (request) => svc.getCounterparts(deps, actorOf(request), request.params.id, request.query.on),
  );

  app.get(
    '/api/v1/offices/:id/history',
    {
      schema: {
        tags,
        summary: 'History of the office and its pairings; `hosting=true`: where it worked (here, peer, off the system) and changes of the node',
        params: IdParams,
        querystring: OfficeHistoryQuery,
        response: { 200: page(HistoryEntry), ...commonErrors },
      },
    },
    async (request) => svc.officeHistory(deps, actorOf(request), request.params.id, request.query.limit, request.query.offset, request.query.hosting === true),
  );

  app.get(
    '/api/v1/pairings',
    {
      schema: {
        tags,
        summary: 'Pairings (Russian office ↔ Kazakh office)',
        querystring: PairingListQuery,
        response: { 200: page(PairingView), ...commonErrors },
      },
    },
    async (request) => svc.listPairings(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/pairings',
    { schema: { tags, summary: 'Create a pairing', body: CreatePairingBody, response: { 201: PairingView, ...commonErrors } } },
    async (request, reply) => reply.status(201).send(await svc.createPairing(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/pairings/:id',
    { schema: { tags, summary: 'One pairing', params: IdParams, response: { 200: PairingView, ...commonErrors } } },
    async (request) => svc.getPairing(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/pairings/:id',
    {
      schema: {
        tags,
        summary: 'Edit a pairing (basis, certainty, dates, active)',
        params: IdParams,
        body: UpdatePairingBody,
        response: { 200: PairingView, ...commonErrors },
      },
    },
    async (request) => svc.updatePairing(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/pairings/:id/history',
    { schema: { tags, summary: 'History of a pairing', params: IdParams, querystring: PageQuery, response: { 200: page(HistoryEntry), ...commonErrors } } },
    async (request) => svc.entityHistory(deps, actorOf(request), 'pairing', request.params.id, request.query.limit, request.query.offset),
  );

  app.get(
    '/api/v1/registry/direct-exchange',
    {
      schema: {
        tags,
        summary: 'May office `from` exchange directly with office `to` on a date? (O-1, P-5, A-15)',
        querystring: DirectExchangeQuery,
        response: { 200: DirectExchangeView, ...commonErrors },
      },
    },
    async (request) => svc.checkDirectExchange(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/legal-basis',
    {
      schema: {
        tags,
        summary: 'Legal-basis documents (Agreement, Protocol, Order, amending protocols)',
        response: { 200: page(LegalBasisView), ...commonErrors },
      },
    },
    async (request) => svc.listLegalBasis(deps, actorOf(request)),
  );

  app.post(
    '/api/v1/legal-basis',
    {
      schema: {
        tags,
        summary: 'Add a document, e.g. an amending protocol (A-12)',
        body: CreateLegalBasisBody,
        response: { 201: LegalBasisView, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.createLegalBasis(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/legal-basis/:id',
    { schema: { tags, summary: 'One legal-basis document', params: IdParams, response: { 200: LegalBasisView, ...commonErrors } } },
    async (request) => svc.getLegalBasis(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/legal-basis/:id',
    {
      schema: {
        tags,
        summary: 'Edit a legal-basis document',
        params: IdParams,
        body: UpdateLegalBasisBody,
        response: { 200: LegalBasisView, ...commonErrors },
      },
    },
    async (request) => svc.updateLegalBasis(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/legal-basis/:id/termination-notice',
    {
      schema: {
        tags,
        summary: 'Record a written notice of termination; the end date is receipt + 60 days (A-15)',
        params: IdParams,
        body: TerminationNoticeBody,
        response: { 200: LegalBasisView, ...commonErrors },
      },
    },
    async (request) => svc.recordTerminationNotice(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/legal-basis/:id/history',
    {
      schema: {
        tags,
        summary: 'History of a legal-basis document',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(HistoryEntry), ...commonErrors },
      },
    },
    async (request) => svc.entityHistory(deps, actorOf(request), 'legal_basis', request.params.id, request.query.limit, request.query.offset),
  );
}
