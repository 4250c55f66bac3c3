import type { Call } from '../api.ts';
import { type Box, linePath, niceMax, xOf, yOf } from '../chart.ts';
import { h, section, svg } from '../dom.ts';
import { clock, reading } from '../format.ts';
import { seriesEnds, WINDOWS, type WindowKey } from '../series.ts';

const BOX: Box = { width: 560, height: 170, left: 44, right: 12, bottom: 22 };

/** Error rate and p95 latency of an environment, one point per step of the chosen window. */
export async function refreshCharts(call: Call, environment: string, key: WindowKey) {
  const ends = seriesEnds(key, new Date());
  const points = await Promise.all(
    ends.map((end) =>
      call('production-monitoring', {
        action: 'performance_metrics',
        time_window: WINDOWS[key].step,
        as_of: end.toISOString(),
        environment,
      }),
    ),
  );
  const errorRates = points.map((p) => (p.insufficient_data ? null : p.error_rate));
  const p95 = points.map((p) => (p.insufficient_data ? null : p.p95_response_time));
  const requests = points.reduce((n, p) => n + p.requests, 0);
  section('charts').replaceChildren(
    h(
      'div',
      { class: 'charts' },
      chart('error-rate', 'Error rate (%)', errorRates, ends, 5),
      chart('p95-latency', 'p95 latency (ms)', p95, ends, 100),
    ),
    h(
      'p',
      { class: 'muted' },
      `${requests} requests in ${environment}, ${WINDOWS[key].step} steps`,
    ),
  );
}

const AXIS = '#c8cdd6';
const INK = '#6b7385';
const LINE = '#2f6fde';

function label(x: number, y: number, text: string | number, anchor = 'start') {
  return svg('text', { x, y, 'text-anchor': anchor, 'font-size': 11, fill: INK }, text);
}

function chart(
  id: string,
  title: string,
  values: Array<number | null>,
  ends: Date[],
  floor: number,
) {
  const max = niceMax(values, floor);
  const bottom = BOX.height - BOX.bottom;
  const right = BOX.width - BOX.right;
  const last = values.findLast((v) => v !== null) ?? null;
  return h(
    'figure',
    { class: 'chart', 'data-testid': id, 'data-last': last ?? '' },
    h('h3', {}, title, last === null ? '' : ` — latest ${reading(last)}`),
    svg(
      'svg',
      { viewBox: `0 0 ${BOX.width} ${BOX.height}`, role: 'img', 'aria-label': title },
      svg('line', { x1: BOX.left, y1: bottom, x2: right, y2: bottom, stroke: AXIS }),
      svg('line', { x1: BOX.left, y1: 0, x2: BOX.left, y2: bottom, stroke: AXIS }),
      label(BOX.left - 6, 12, max, 'end'),
      label(BOX.left - 6, bottom, 0, 'end'),
      label(BOX.left, BOX.height - 4, clock(ends[0] as Date)),
      label(right, BOX.height - 4, clock(ends.at(-1) as Date), 'end'),
      last === null
        ? label((BOX.left + right) / 2, bottom / 2, 'no traffic in this window', 'middle')
        : svg('path', {
            d: linePath(values, max, BOX),
            fill: 'none',
            stroke: LINE,
            'stroke-width': 2,
          }),
      ...values.map((v, i) =>
        v === null
          ? null
          : svg('circle', {
              cx: xOf(i, values.length, BOX),
              cy: yOf(v, max, BOX),
              r: 3,
              fill: LINE,
            }),
      ),
    ),
  );
}
