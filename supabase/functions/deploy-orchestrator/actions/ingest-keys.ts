import { ingestKeyHash, newIngestKey } from '../../../../shared/access/ingest-key.ts';
import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import {
  insertIngestKey,
  listIngestKeys,
  revokeIngestKey,
} from '../../../../shared/sql/ingest-keys.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';

export const createIngestKey = defineAction(
  contracts.createIngestKey,
  async (input, { sql, caller }) => {
    const key = newIngestKey();
    const row = await insertIngestKey(sql, {
      ...input,
      keyHash: await ingestKeyHash(key),
      createdBy: actorOf(caller),
    });
    if (!row) throw new AppError(409, 'conflict', `an ingest key named "${input.name}" exists`);
    return { ...row, key };
  },
);

export const listIngestKeysAction = defineAction(
  contracts.listIngestKeys,
  async (_input, { sql }) => {
    return { keys: await listIngestKeys(sql) };
  },
);

export const revokeIngestKeyAction = defineAction(
  contracts.revokeIngestKey,
  async (input, { sql }) => {
    return { name: input.name, changed: await revokeIngestKey(sql, input.name) };
  },
);
