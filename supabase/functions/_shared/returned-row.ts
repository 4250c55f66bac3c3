/**
 * The row an `insert … returning` or `update … returning` that cannot come back empty returned;
 * its absence is a bug (a 500), not an answer to send.
 */
export function returnedRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`${what} returned no row`);
  return row;
}
