/** Where a command writes: stdout for results, stderr for diagnostics; `json` for scripts. */
export interface Output {
  json: boolean;
  line(text?: string): void;
  error(text: string): void;
  /** The raw result as JSON (the whole answer for --json). */
  data(value: unknown): void;
  /** A command's result: as JSON for --json, else as `human` writes it for people. */
  result<T>(value: T, human: (value: T) => void): void;
  /** Rows of cells, columns padded to the widest cell. */
  table(rows: ReadonlyArray<ReadonlyArray<string | number>>): void;
}

export function createOutput(
  json: boolean,
  stdout = process.stdout,
  stderr = process.stderr,
): Output {
  return {
    json,
    line: (text = '') => stdout.write(`${text}\n`),
    error: (text) => stderr.write(`${text}\n`),
    data: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    result(value, human) {
      if (json) this.data(value);
      else human(value);
    },
    table(rows) {
      const cells = rows.map((r) => r.map(String));
      const widths = cells.reduce<number[]>(
        (w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)),
        [],
      );
      for (const r of cells) {
        const line = r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
        stdout.write(`${line.trimEnd()}\n`);
      }
    },
  };
}
