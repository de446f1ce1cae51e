import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { encodePng } from './png.js';

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * Charts of the monthly 通报, drawn twice from the same figures: an SVG by ECharts' server-side renderer (with its
 * labels, for word processors that read SVG) and a plain PNG drawn here (bars and grid only; every number is also in
 * the table beside the chart), which .docx requires as the fallback and which older word processors show.
 */
export interface BarChartSpec {
  categories: string[];
  series: { name: string; values: number[]; color: string }[];
  widthMm: number;
  heightMm: number;
}

const PX_PER_MM = 96 / 25.4;
const FONT = '宋体, SimSun, serif';

export function barChartSvg(spec: BarChartSpec): string {
  const width = Math.round(spec.widthMm * PX_PER_MM);
  const height = Math.round(spec.heightMm * PX_PER_MM);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const rotate = spec.categories.length > 6 ? 30 : 0;
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT, fontSize: 11 },
      legend: spec.series.length > 1 ? { top: 0, textStyle: { fontFamily: FONT } } : undefined,
      grid: { left: 36, right: 12, top: spec.series.length > 1 ? 28 : 16, bottom: rotate ? 64 : 28 },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, rotate, fontFamily: FONT } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT } },
      series: spec.series.map((s) => ({ type: 'bar', name: s.name, data: s.values, itemStyle: { color: s.color }, label: { show: true, position: 'top', fontFamily: FONT } })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The same bars as a PNG at 1.5 × screen resolution (144 dpi): white ground, grey grid, black axis, a colour per series. */
export function barChartPng(spec: BarChartSpec): Buffer {
  const scale = 1.5;
  const width = Math.round(spec.widthMm * PX_PER_MM * scale);
  const height = Math.round(spec.heightMm * PX_PER_MM * scale);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const rect = (x0: number, y0: number, x1: number, y1: number, hex: string) => {
    const left = Math.max(0, Math.round(x0));
    const right = Math.min(width, Math.round(x1));
    if (right <= left) return;
    // One row of the rectangle, copied onto each of its rows.
    const colour = Buffer.from(hex, 'hex');
    const row = new Uint8Array((right - left) * 3);
    for (let i = 0; i < row.length; i += 3) row.set(colour, i);
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(height, Math.round(y1)); y++) rgb.set(row, (y * width + left) * 3);
  };
  const left = 36 * scale;
  const right = width - 12 * scale;
  const top = 16 * scale;
  const bottom = height - 28 * scale;
  const max = Math.max(1, ...spec.series.flatMap((s) => s.values));
  const step = Math.max(1, Math.ceil(max / 5));
  const ceiling = step * Math.ceil(max / step);
  for (let v = 0; v <= ceiling; v += step) {
    const y = bottom - ((bottom - top) * v) / ceiling;
    rect(left, y, right, y + scale, 'E0E6F1');
  }
  const slot = (right - left) / Math.max(1, spec.categories.length);
  const barWidth = (slot * 0.7) / Math.max(1, spec.series.length);
  spec.categories.forEach((_, i) => {
    spec.series.forEach((s, k) => {
      const x = left + i * slot + slot * 0.15 + k * barWidth;
      const h = ((bottom - top) * (s.values[i] ?? 0)) / ceiling;
      rect(x + scale, bottom - h, x + barWidth - scale, bottom, s.color.replace('#', ''));
    });
  });
  rect(left, bottom, right, bottom + scale, '6E7079');
  return encodePng(width, height, rgb);
}
