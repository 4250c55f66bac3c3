import { depsFromEnv } from '../_shared/env.ts';
import { createProductionMonitoringApp } from './app.ts';

const app = createProductionMonitoringApp(depsFromEnv((key) => Deno.env.get(key)));

Deno.serve(app.fetch);
