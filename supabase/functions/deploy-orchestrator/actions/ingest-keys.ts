import { z } from 'zod';
import { ALL_ENVIRONMENTS } from '../../../../shared/access/permissions.ts';
import { AppError } from '../../../../shared/app-error.ts';
import {
  insertIngestKey,
  listIngestKeys,
  revokeIngestKey,
} from '../../../../shared/sql/ingest-keys.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';
import { ingestKeyHash, newIngestKey } from '../../_shared/ingest-credential.ts';

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _ (1-63)');

export const createIngestKey = defineAction({
  name: 'create_ingest_key',
  summary:
    'Create a named ingest key for telemetry, or for error events only (one a browser may hold); the key is shown once.',
  access: 'admin',
  input: {
    name,
    scope: z.enum(['telemetry', 'errors']),
    environment: z
      .string()
      .regex(/^(\*|[a-z][a-z0-9_-]{0,62})$/, 'an environment name, or * for every environment')
      .default(ALL_ENVIRONMENTS),
  },
  async handler(input, { sql, caller }) {
    const key = newIngestKey();
    const row = await insertIngestKey(sql, {
      ...input,
      keyHash: await ingestKeyHash(key),
      createdBy: actorOf(caller),
    });
    if (!row) throw new AppError(409, 'conflict', `an ingest key named "${input.name}" exists`);
    return { ...row, key };
  },
});

export const listIngestKeysAction = defineAction({
  name: 'list_ingest_keys',
  summary:
    'Every ingest key: name, scope, environment, who created it, whether revoked (never the key).',
  access: 'admin',
  input: {},
  async handler(_input, { sql }) {
    return { keys: await listIngestKeys(sql) };
  },
});

export const revokeIngestKeyAction = defineAction({
  name: 'revoke_ingest_key',
  summary: 'Revoke an ingest key: it is refused (401) from then on.',
  access: 'admin',
  input: { name },
  async handler(input, { sql }) {
    return { name: input.name, changed: await revokeIngestKey(sql, input.name) };
  },
});

export const ingestKeyActions = [createIngestKey, listIngestKeysAction, revokeIngestKeyAction];
