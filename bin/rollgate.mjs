#!/usr/bin/env node
// The `rollgate` command. The CLI is TypeScript: tsx's ESM hooks are registered in this very
// process (as `npm start` runs the stack with `node --import tsx`), so signals, stdio and exit
// codes belong to the CLI itself, not to a wrapper process.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
