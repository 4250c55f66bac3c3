import { depsFromEnv } from '../_shared/env.ts';
import { createDeployOrchestratorApp } from './app.ts';

const app = createDeployOrchestratorApp(depsFromEnv((key) => Deno.env.get(key)));

Deno.serve(app.fetch);
