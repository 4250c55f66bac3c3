import { AppError } from '../../../shared/app-error.ts';
import type { Sql } from '../../../shared/sql/client.ts';
import { type RequestRow, selectRequestForUpdate } from '../../../shared/sql/gdpr-requests.ts';

/** The request, row-locked for the rest of the transaction, or a 404. */
export async function lockedRequest(tx: Sql, id: string): Promise<RequestRow> {
  const [row] = await selectRequestForUpdate(tx, id);
  if (!row) throw new AppError(404, 'not_found', `no request ${id}`);
  return row;
}
