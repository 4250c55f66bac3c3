import { FUNCTION_NAMES } from '../../shared/function-names.ts';
import type { Command } from '../command.ts';
import { ApiError, EXIT } from '../errors.ts';

interface Row {
  function: string;
  status: string;
  uptime_seconds: number | null;
  detail: string;
}

/** Every function's health_check side by side; exit 1 unless all five are healthy. */
export const health: Command = {
  path: ['health'],
  usage: '',
  summary: 'health_check of all five functions; exit 1 unless every one is healthy.',
  async run({ api, out }) {
    const client = api();
    const rows: Row[] = await Promise.all(
      FUNCTION_NAMES.map(async (fn): Promise<Row> => {
        try {
          const r = await client.call(fn, { action: 'health_check' });
          const db = 'database' in r ? r.database : undefined;
          return {
            function: fn,
            status: r.status,
            uptime_seconds: r.uptime_seconds ?? null,
            detail: db
              ? `database ${db.status}${'latency_ms' in db ? ` ${db.latency_ms} ms` : ''}`
              : '',
          };
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          return { function: fn, status: err.code, uptime_seconds: null, detail: err.message };
        }
      }),
    );
    const healthy = rows.every((r) => r.status === 'healthy');
    out.result({ healthy, functions: rows }, () => {
      out.table([
        ['FUNCTION', 'STATUS', 'UPTIME', 'DETAIL'],
        ...rows.map((r) => [
          r.function,
          r.status,
          r.uptime_seconds === null ? '-' : `${r.uptime_seconds} s`,
          r.detail,
        ]),
      ]);
    });
    return healthy ? EXIT.ok : EXIT.failed;
  },
};
