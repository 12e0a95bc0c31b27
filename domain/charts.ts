/**
 * Apache ECharts options of the analysis charts (O-4.3), built from the figures alone: the web
 * draws them and the server renders the same options to images for the DOCX, so the report and
 * the screen show the same charts. Labels come in already translated.
 */
type Option = Record<string, unknown>;

const PALETTE = ['#1f4e8c', '#c8a24a', '#3f8f5b', '#b0413e', '#6b5ca5', '#4a9bb5'];
const base = (title: string): Option => ({
  animation: false,
  color: PALETTE,
  title: { text: title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'bold' } },
  tooltip: { trigger: 'axis' },
  grid: { left: 48, right: 24, top: 56, bottom: 56, containLabel: true },
});

/** Items by month: sent and received this year, and the comparison year as dashed lines. */
export function monthsChart(input: { title: string; months: string[]; series: { name: string; values: number[]; compare?: boolean }[] }): Option {
  return {
    ...base(input.title),
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: input.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: input.series.map((s) =>
      s.compare
        ? { name: s.name, type: 'line', data: s.values, lineStyle: { type: 'dashed' }, symbol: 'none' }
        : { name: s.name, type: 'bar', data: s.values, barMaxWidth: 28 },
    ),
  };
}

/** A horizontal bar chart of sent and received by a category (priority area, office). */
export function barsChart(input: { title: string; categories: string[]; series: { name: string; values: number[] }[] }): Option {
  return {
    ...base(input.title),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 16, right: 32, top: 56, bottom: 48, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: [...input.categories].reverse(), axisLabel: { width: 260, overflow: 'truncate' } },
    series: input.series.map((s) => ({ name: s.name, type: 'bar', stack: 'total', data: [...s.values].reverse(), barMaxWidth: 22 })),
  };
}

/** Russian office × Kazakh counterpart: a heat map of the items exchanged. */
export function matrixChart(input: { title: string; rows: string[]; columns: string[]; cells: { row: number; column: number; value: number }[] }): Option {
  const max = Math.max(1, ...input.cells.map((c) => c.value));
  return {
    ...base(input.title),
    tooltip: { position: 'top' },
    grid: { left: 16, right: 24, top: 56, bottom: 96, containLabel: true },
    xAxis: { type: 'category', data: input.columns, axisLabel: { rotate: 35, width: 140, overflow: 'truncate' }, splitArea: { show: true } },
    yAxis: { type: 'category', data: input.rows, axisLabel: { width: 220, overflow: 'truncate' }, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f4f6fa', '#1f4e8c'] } },
    series: [{ type: 'heatmap', data: input.cells.map((c) => [c.column, c.row, c.value]), label: { show: true } }],
  };
}
