/** Pure geometry of a line chart: no DOM, so it is tested without a browser. */
export interface Box {
  width: number;
  height: number;
  /** Room for the axis labels (left, bottom) and for the last point's marker (right). */
  left: number;
  right: number;
  bottom: number;
}

/** A ceiling with headroom, at least `floor`, rounded to a readable number. */
export function niceMax(values: ReadonlyArray<number | null>, floor = 1): number {
  const top = Math.max(floor, ...values.filter((v): v is number => v !== null));
  const raw = top * 1.15;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10;
  return step * magnitude;
}

/** x of point i of n across the plot area (one point sits in the middle). */
export function xOf(i: number, n: number, box: Box): number {
  const plot = box.width - box.left - box.right;
  return n <= 1 ? box.left + plot / 2 : box.left + (plot * i) / (n - 1);
}

export function yOf(value: number, max: number, box: Box): number {
  const plot = box.height - box.bottom;
  return plot - (Math.min(value, max) / max) * plot;
}

/**
 * The SVG path through the values; a null (no traffic in that step) breaks the line, because
 * "no data" drawn as 0 would look like a perfect error rate.
 */
export function linePath(values: ReadonlyArray<number | null>, max: number, box: Box): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = Math.round(xOf(i, values.length, box) * 10) / 10;
    const y = Math.round(yOf(v, max, box) * 10) / 10;
    d += `${pen ? 'L' : 'M'}${x} ${y} `;
    pen = true;
  });
  return d.trim();
}
