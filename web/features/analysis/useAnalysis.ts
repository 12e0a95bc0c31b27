import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnalysisView } from '../../../domain/schemas/analysis.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { api, request, withQuery } from '../../api/client.ts';

export type { AnalysisView } from '../../../domain/schemas/analysis.ts';
export type AnalysisSummary = AnalysisView['summary'];
export type AnalysisReport = NonNullable<AnalysisView['report']>;

export const analysisKeys = {
  all: ['analysis'] as const,
  year: (year: number) => ['analysis', year] as const,
  view: (year: number, compare: number | null) => ['analysis', year, compare] as const,
};

/** O-4.3: the Party's practice in a year, with a comparison year (or none). */
export function useAnalysis(year: number, compare: number | null) {
  return useQuery({
    queryKey: analysisKeys.view(year, compare),
    queryFn: () => api.get<AnalysisView>(withQuery('/api/v1/analysis', { year, compare })),
    placeholderData: keepPreviousData,
  });
}

export interface ReportBody {
  conclusions: string;
  proposals: string;
  version: number | null;
}

export function saveReport(year: number, body: ReportBody): Promise<AnalysisView> {
  return request<AnalysisView>('PUT', `/api/v1/analysis/${year}/report`, body);
}

/**
 * After saving: the answer of PUT is the view without a comparison year, so only its report is put
 * into the views of that year already loaded (any comparison), then they are fetched again.
 */
export function useReportRefresh() {
  const qc = useQueryClient();
  return (saved: AnalysisView) => {
    qc.setQueriesData<AnalysisView>({ queryKey: analysisKeys.year(saved.year) }, (old) => (old ? { ...old, report: saved.report } : old));
    void qc.invalidateQueries({ queryKey: analysisKeys.year(saved.year) });
  };
}

/** The report for the supervising Deputy Prosecutor General (DOCX), in the reader's language. */
export const documentPath = (year: number, compare: number | null, lang: Locale) => withQuery(`/api/v1/analysis/${year}/document`, { compare, lang });
/** Every table of the analysis as XLSX. */
export const xlsxPath = (year: number, compare: number | null, lang: Locale) => withQuery(`/api/v1/analysis/${year}/export.xlsx`, { compare, lang });
