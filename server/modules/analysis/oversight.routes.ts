import { z } from 'zod';
import { ItemListPage } from '../../../domain/schemas/items.ts';
import { OversightExportQuery, OversightItemsQuery, OversightQuery, OversightView } from '../../../domain/schemas/oversight.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import * as svc from './oversight.service.ts';

const tags = ['oversight'];
const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerOversightRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/oversight',
    {
      schema: {
        tags,
        summary: 'O-4.1: per office — contact persons, open and overdue items, held items, events awaiting decision or report, the annual block',
        querystring: OversightQuery,
        response: { 200: OversightView, ...commonErrors },
      },
    },
    async (request) => svc.dashboard(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/oversight/items',
    {
      schema: { tags, summary: 'The items behind a cell of the dashboard', querystring: OversightItemsQuery, response: { 200: ItemListPage, ...commonErrors } },
    },
    async (request) => svc.cellItems(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/oversight/export.xlsx',
    {
      schema: { tags, summary: 'The dashboard as XLSX', querystring: OversightExportQuery, produces: [MIME_XLSX], response: { 200: z.any(), ...commonErrors } },
    },
    async (request, reply) => {
      const { data, fileName } = await svc.dashboardXlsx(deps, actorOf(request), request.query);
      return reply.type(MIME_XLSX).header('content-disposition', `attachment; filename="${fileName}"`).send(data);
    },
  );
}
