/** Theme colours for a chart.js chart whose datasets are labelled by model: axes, legend, one colour per model. */
import type { Chart } from 'chart.js';
import type { ModelId } from '../../../shared/models';
import type { ThemeColors } from './theme-colors';

/** Recolours the x and y axes, the legend and every dataset (by its model label); the caller redraws. */
export function themeModelChart(chart: Chart<'bar'> | Chart<'line'>, colors: ThemeColors): void {
  const { scales, plugins } = chart.options;
  for (const axis of [scales?.['x'], scales?.['y']]) {
    if (!axis) continue;
    axis.grid = { ...axis.grid, color: colors.grid };
    axis.ticks = { ...axis.ticks, color: colors.muted };
    if ('title' in axis && axis.title) axis.title.color = colors.muted;
  }
  if (plugins?.legend?.labels) plugins.legend.labels.color = colors.text;
  for (const dataset of chart.data.datasets) {
    const color = colors.model[dataset.label as ModelId] ?? colors.text;
    dataset.borderColor = color;
    dataset.backgroundColor = color;
  }
}
