import { depsFromEnv } from '../_shared/env.ts';
import { createErrorTrackingApp } from './app.ts';

const app = createErrorTrackingApp(depsFromEnv((key) => Deno.env.get(key)));

Deno.serve(app.fetch);
