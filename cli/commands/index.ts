import type { Command } from '../command.ts';
import { ANALYSIS_COMMANDS } from './analysis.ts';
import { complianceReport } from './compliance.ts';
import { dbCheck } from './db.ts';
import { dbLint } from './db-lint.ts';
import { DEPLOY_COMMANDS } from './deploy.ts';
import { devToken } from './dev-token.ts';
import { dora } from './dora.ts';
import { FLAG_COMMANDS } from './flags.ts';
import { GRANT_COMMANDS } from './grants.ts';
import { health } from './health.ts';
import { INGEST_KEY_COMMANDS } from './ingest-keys.ts';
import { setup } from './setup.ts';
import { STACK_COMMANDS } from './stack.ts';
import { TELEMETRY_COMMANDS } from './telemetry.ts';

/** Every command, in the order `rollgate --help` lists them. */
export const COMMANDS: readonly Command[] = [
  ...STACK_COMMANDS,
  setup,
  health,
  ...DEPLOY_COMMANDS,
  ...ANALYSIS_COMMANDS,
  ...TELEMETRY_COMMANDS,
  dbCheck,
  dbLint,
  complianceReport,
  ...FLAG_COMMANDS,
  ...GRANT_COMMANDS,
  ...INGEST_KEY_COMMANDS,
  devToken,
  dora,
];
