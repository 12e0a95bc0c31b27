import { z } from 'zod';
import {
  BlockListPage,
  BlockListQuery,
  BlockParams,
  BlockReasonBody,
  BlockVersionBody,
  BlockView,
  FigureQuery,
  SaveBlockBody,
} from '../../../domain/schemas/annual.ts';
import { ItemListPage } from '../../../domain/schemas/items.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import * as svc from './annual.service.ts';

const tags = ['annual blocks'];
const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const base = '/api/v1/annual-blocks/:officeCode/:year';

export function registerAnnualRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/annual-blocks',
    {
      schema: {
        tags,
        summary: 'The blocks of a year: who has submitted, who is late (O-3.6); the coordinator and leadership see every office of the Party',
        querystring: BlockListQuery,
        response: { 200: BlockListPage, ...commonErrors },
      },
    },
    async (request) => svc.listBlocks(deps, actorOf(request), request.query),
  );
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'An office’s annual block: the figures compiled from what it recorded (live until submitted), its proposals, the deadline of 30 January',
        params: BlockParams,
        response: { 200: BlockView, ...commonErrors },
      },
    },
    async (request) => svc.getBlock(deps, actorOf(request), request.params.officeCode, request.params.year),
  );
  app.put(
    base,
    {
      schema: {
        tags,
        summary: 'Save the office’s proposals for improving cooperation',
        params: BlockParams,
        body: SaveBlockBody,
        response: { 200: BlockView, ...commonErrors },
      },
    },
    async (request) => svc.saveBlock(deps, actorOf(request), request.params.officeCode, request.params.year, request.body),
  );
  app.post(
    `${base}/submit`,
    {
      schema: {
        tags,
        summary: 'The head or a deputy submits the block to the coordinator; its figures are fixed',
        params: BlockParams,
        body: BlockVersionBody,
        response: { 200: BlockView, ...commonErrors },
      },
    },
    async (request) => svc.submitBlock(deps, actorOf(request), request.params.officeCode, request.params.year, request.body.version),
  );
  app.post(
    `${base}/return`,
    {
      schema: {
        tags,
        summary: 'The coordinator returns a block for correction, with the reason',
        params: BlockParams,
        body: BlockReasonBody,
        response: { 200: BlockView, ...commonErrors },
      },
    },
    async (request) => svc.returnBlock(deps, actorOf(request), request.params.officeCode, request.params.year, request.body),
  );
  app.get(
    `${base}/items`,
    {
      schema: {
        tags,
        summary: 'The items a figure of the block counts',
        params: BlockParams,
        querystring: FigureQuery,
        response: { 200: ItemListPage, ...commonErrors },
      },
    },
    async (request) => svc.figureItems(deps, actorOf(request), request.params.officeCode, request.params.year, request.query),
  );
  app.get(
    `${base}/document`,
    {
      schema: {
        tags,
        summary: 'DOCX of the block, as a separate block of the report memo',
        params: BlockParams,
        produces: [MIME_DOCX],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { data, fileName } = await svc.blockDocument(deps, actorOf(request), request.params.officeCode, request.params.year);
      return reply.type(MIME_DOCX).header('content-disposition', `attachment; filename="${fileName}"`).send(data);
    },
  );
}
