import { depsFromEnv } from '../_shared/env.ts';
import { createDatabaseScalabilityApp } from './app.ts';

const app = createDatabaseScalabilityApp(depsFromEnv((key) => Deno.env.get(key)));

Deno.serve(app.fetch);
