import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the analysis charts (domain/charts.ts) use: bars, lines, a heat map; SVG keeps text sharp at any zoom.
echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent, SVGRenderer]);

export type ChartOption = Record<string, unknown>;

interface Props {
  option: ChartOption;
  height: number;
  /** What the chart shows, for screen readers (the tables below give the figures). */
  label: string;
  testId?: string;
}

/**
 * An Apache ECharts chart on a div: created once, given each new option in full, resized with its
 * container (the menu collapsing, the window narrowing), disposed when the page goes.
 */
export function EChart({ option, height, label, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} data-testid={testId} className="analysis-chart" style={{ width: '100%', height }} />;
}
