import { z } from 'zod';
import { PERMISSIONS } from '../access/permissions.ts';
import { contract } from './contract.ts';

/** Every function answers these two besides its own actions. */
export const healthCheck = contract({
  name: 'health_check',
  summary: 'Liveness of this function; no authentication.',
  access: 'public',
  input: {},
  response: z.object({
    status: z.literal('healthy'),
    function: z.string(),
    timestamp: z.iso.datetime(),
    uptime_seconds: z.number().int(),
  }),
});

export const listActions = contract({
  name: 'list_actions',
  summary: 'The actions this function answers and the permission each needs.',
  access: 'read',
  input: {},
  response: z.object({
    actions: z.array(
      z.object({
        name: z.string(),
        summary: z.string(),
        access: z.enum(['public', ...PERMISSIONS]),
      }),
    ),
  }),
});

export const commonContracts = [healthCheck, listActions] as const;
