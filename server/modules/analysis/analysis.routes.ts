import { z } from 'zod';
import {
  AnalysisCompareQuery,
  AnalysisDocumentQuery,
  AnalysisParams,
  AnalysisQuery,
  AnalysisReportBody,
  AnalysisView,
} from '../../../domain/schemas/analysis.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import * as svc from './analysis.service.ts';

const tags = ['analysis'];
const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerAnalysisRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/analysis',
    {
      schema: {
        tags,
        summary:
          'O-4.3: the Party’s practice in a year and a comparison year — totals, breakdowns, timeliness, refusals, events, the offices’ proposals, the coordinator’s conclusions',
        querystring: AnalysisQuery,
        response: { 200: AnalysisView, ...commonErrors },
      },
    },
    async (request) => svc.analysis(deps, actorOf(request), request.query),
  );
  app.put(
    '/api/v1/analysis/:year/report',
    {
      schema: {
        tags,
        summary: 'The coordinator’s conclusions and proposals for the year; answers with the analysis (compared with `compare` when given)',
        params: AnalysisParams,
        querystring: AnalysisCompareQuery,
        body: AnalysisReportBody,
        response: { 200: AnalysisView, ...commonErrors },
      },
    },
    async (request) => svc.saveReport(deps, actorOf(request), request.params.year, request.body, request.query.compare),
  );
  app.get(
    '/api/v1/analysis/:year/document',
    {
      schema: {
        tags,
        summary: 'The report for the supervising Deputy Prosecutor General as DOCX: text, tables, charts',
        params: AnalysisParams,
        querystring: AnalysisDocumentQuery,
        produces: [MIME_DOCX],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { data, fileName } = await svc.analysisDocx(deps, actorOf(request), request.params.year, request.query);
      return reply.type(MIME_DOCX).header('content-disposition', `attachment; filename="${fileName}"`).send(data);
    },
  );
  app.get(
    '/api/v1/analysis/:year/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Every table of the analysis as XLSX',
        params: AnalysisParams,
        querystring: AnalysisDocumentQuery,
        produces: [MIME_XLSX],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { data, fileName } = await svc.analysisXlsx(deps, actorOf(request), request.params.year, request.query);
      return reply.type(MIME_XLSX).header('content-disposition', `attachment; filename="${fileName}"`).send(data);
    },
  );
}
