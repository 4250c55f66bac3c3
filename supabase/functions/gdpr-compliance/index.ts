import { depsFromEnv } from '../_shared/env.ts';
import { createGdprComplianceApp } from './app.ts';

const app = createGdprComplianceApp(depsFromEnv((key) => Deno.env.get(key)));

Deno.serve(app.fetch);
