import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { eraseSubject } from '../../../../shared/gdpr/execution/erase-subject.ts';
import { exportSubject } from '../../../../shared/gdpr/execution/export-subject.ts';
import type { ExecutionOutcome } from '../../../../shared/gdpr/execution/outcome.ts';
import { type Change, rectifySubject } from '../../../../shared/gdpr/execution/rectify-subject.ts';
import { assertExecutable } from '../../../../shared/gdpr/request-lifecycle.ts';
import { viewRequest } from '../../../../shared/gdpr/request-view.ts';
import type { Sql } from '../../../../shared/sql/client.ts';
import { type DataMapRow, selectDataMap } from '../../../../shared/sql/gdpr-data-map.ts';
import {
  insertRequestLog,
  type RequestRow,
  updateRequest,
} from '../../../../shared/sql/gdpr-requests.ts';
import { defineAction } from '../../_shared/action.ts';
import { lockedRequest } from '../locked-request.ts';

/**
 * Carries out a verified request against the mapped tables in ONE transaction: the data
 * changes, the log of tables and row counts, and the request's completion commit together or
 * not at all.
 */
export const executeRequest = defineAction(
  contracts.executeRequest,
  async ({ request_id, changes }, { sql }) => {
    const { request, outcome } = await sql.begin(async (tx) => {
      const locked = await lockedRequest(tx, request_id);
      assertExecutable(locked);
      const map = await selectDataMap(tx);
      if (map.length === 0) {
        throw new AppError(422, 'data_map_empty', 'set the data map before executing requests');
      }
      const done = await carryOut(tx, locked, map, changes);
      await insertRequestLog(tx, request_id, done.log);
      const [completed] = await updateRequest(tx, request_id, {
        status: 'completed',
        completed_at: new Date(),
      });
      return { request: completed as RequestRow, outcome: done };
    });
    return {
      request: viewRequest(request, new Date()),
      touched: outcome.log,
      ...outcome.result,
    };
  },
);

function carryOut(
  tx: Sql,
  request: RequestRow,
  map: DataMapRow[],
  changes: Change[] | undefined,
): Promise<ExecutionOutcome> {
  if (request.type === 'erasure') return eraseSubject(tx, request.subject_id);
  if (request.type === 'rectification') {
    if (!changes) {
      throw new AppError(400, 'validation_failed', 'changes: a rectification needs changes', {
        details: { issues: [{ path: 'changes', message: 'required for rectification' }] },
      });
    }
    return rectifySubject(tx, request.subject_id, changes, map);
  }
  return exportSubject(
    tx,
    request.subject_id,
    request.type === 'portability' ? 'portability' : 'access',
  );
}
