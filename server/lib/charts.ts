import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * Renders an ECharts option (domain/charts.ts) to PNG on the server: ECharts' own server-side SVG
 * renderer, then resvg to raster it at twice the size for print. No browser involved.
 */
export function renderChartPng(option: Record<string, unknown>, width = 800, height = 420): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false, textStyle: { fontFamily: 'Liberation Sans, DejaVu Sans, Arial, sans-serif' } });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: width * 2 },
      background: '#ffffff',
      font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
    })
      .render()
      .asPng();
    return Buffer.from(png);
  } finally {
    chart.dispose();
  }
}
