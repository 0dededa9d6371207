/**
 * Line widths and type sizes of the lesson charts, read from CSS variables like their colours, so
 * presenter mode (thicker lines, larger type) is one stylesheet away.
 */

/** What the lesson charts draw with besides colours. */
export interface LessonChartStyle {
  /** Width of data lines and outlines, CSS px. */
  readonly lineWidth: number;
  /** Axis and legend type size, CSS px. */
  readonly fontSize: number;
}

/** Reads the style from the root element's custom properties (--chart-line-width, --chart-font-size). */
export function readLessonChartStyle(root: HTMLElement = document.documentElement): LessonChartStyle {
  const style = getComputedStyle(root);
  const read = (name: string, fallback: number) => {
    const value = parseFloat(style.getPropertyValue(name));
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return { lineWidth: read('--chart-line-width', 2), fontSize: read('--chart-font-size', 12) };
}

/** The parts of a chart's options the lesson charts re-theme; each must be set in the chart's own config. */
interface ThemedOptions {
  readonly scales?: Readonly<
    Record<
      string,
      | {
          grid?: { color?: unknown };
          ticks?: { color?: unknown; font?: unknown };
          title?: { color?: unknown; font?: unknown };
        }
      | undefined
    >
  >;
  readonly plugins?: {
    readonly legend?: { labels?: { color?: unknown; font?: unknown } };
    readonly title?: { color?: unknown; font?: unknown };
  };
}

/**
 * Colours and sizes a chart's axes, legend and title in place. chart.js resolves options through
 * proxies once drawn: properties are set one by one, never spread into new objects.
 */
export function applyLessonTheme(
  options: object,
  colors: { readonly text: string; readonly muted: string; readonly grid: string },
  style: LessonChartStyle,
  tickColor: string = colors.muted,
): void {
  const { scales, plugins } = options as ThemedOptions;
  const font = { size: style.fontSize };
  for (const axis of Object.values(scales ?? {})) {
    if (!axis) continue;
    if (axis.grid) axis.grid.color = colors.grid;
    if (axis.ticks) {
      axis.ticks.color = tickColor;
      axis.ticks.font = font;
    }
    if (axis.title) {
      axis.title.color = colors.muted;
      axis.title.font = font;
    }
  }
  const labels = plugins?.legend?.labels;
  if (labels) {
    labels.color = colors.text;
    labels.font = font;
  }
  if (plugins?.title) {
    plugins.title.color = colors.text;
    plugins.title.font = { ...font, weight: 'bold' };
  }
}
