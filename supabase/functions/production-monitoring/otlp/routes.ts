import type { Hono } from 'hono';
import { ALL_ENVIRONMENTS } from '../../../../shared/access/permissions.ts';
import { AppError } from '../../../../shared/app-error.ts';
import { canaryJudgeHook } from '../../../../shared/rollout/telemetry-judge.ts';
import { ingestMetrics } from '../../../../shared/telemetry/otlp/metrics-ingest.ts';
import type { Attributes } from '../../../../shared/telemetry/otlp/model.ts';
import { resourceLabels } from '../../../../shared/telemetry/otlp/resource-labels.ts';
import { ingestSpans } from '../../../../shared/telemetry/otlp/trace-ingest.ts';
import type { Caller } from '../../_shared/action.ts';
import type { FunctionDeps } from '../../_shared/app.ts';
import { authorize } from '../../_shared/authorize.ts';
import { credentialsFrom } from '../../_shared/credentials.ts';
import { ingestCaller } from '../../_shared/ingest-credential.ts';
import { formatOf, METRICS, readExport, TRACES } from './otlp-body.ts';
import { exportResponse } from './otlp-response.ts';

/**
 * OTLP/HTTP on production-monitoring, so `OTEL_EXPORTER_OTLP_ENDPOINT=…/functions/v1/production-
 * monitoring` with `OTEL_EXPORTER_OTLP_HEADERS=apikey=<ingest key>` is all an instrumented app
 * needs: the standard exporters post to `/v1/traces` and `/v1/metrics`. Order of checks: content
 * type, caller, body, the key's environment, then one ingest; a refusal writes nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function app, whatever its route typing
export function addOtlpRoutes(app: Hono<any, any, any>, deps: FunctionDeps) {
  app.post('/v1/traces', async (c) => {
    const format = formatOf(c.req.raw);
    const caller = await otlpCaller(c.req.raw.headers, deps);
    const batch = await readExport(c.req.raw, format, TRACES);
    const keyEnvironment = await authorizeResources(deps, caller, batch);
    const result = await ingestSpans(deps.sql, batch, { hooks: [canaryJudgeHook], keyEnvironment });
    return exportResponse(c, format, result, 'rejectedSpans');
  });

  app.post('/v1/metrics', async (c) => {
    const format = formatOf(c.req.raw);
    const caller = await otlpCaller(c.req.raw.headers, deps);
    const batch = await readExport(c.req.raw, format, METRICS);
    const keyEnvironment = await authorizeResources(deps, caller, batch);
    const result = await ingestMetrics(deps.sql, batch, {
      hooks: [canaryJudgeHook],
      keyEnvironment,
    });
    return exportResponse(c, format, result, 'rejectedDataPoints');
  });
}

/** An ingest key (`apikey` or `Authorization: Bearer rg_ingest_…`) or any Supabase credential. */
async function otlpCaller(headers: Headers, deps: FunctionDeps): Promise<Caller> {
  const caller =
    (await ingestCaller(credentialsFrom(headers), deps.sql)) ??
    (await deps.verifier.identify(headers));
  if (!caller)
    throw new AppError(
      401,
      'unauthorized',
      'OTLP export needs an ingest key: OTEL_EXPORTER_OTLP_HEADERS=apikey=rg_ingest_…',
    );
  return caller;
}

/**
 * The rules of `record_requests` for every resource of the batch: an ingest key of scope
 * `telemetry` (an errors-only key is refused), and an environment-scoped one only for its
 * environment — which stands in for a resource that names none. Returns that environment.
 */
async function authorizeResources(
  deps: FunctionDeps,
  caller: Caller,
  batch: ReadonlyArray<{ resource: Attributes }>,
): Promise<string | undefined> {
  const scoped = caller.ingest?.environment;
  const keyEnvironment = scoped && scoped !== ALL_ENVIRONMENTS ? scoped : undefined;
  const requests = batch.map((r) => ({
    environment: resourceLabels(r.resource, keyEnvironment).environment || undefined,
  }));
  await authorize(
    deps.sql,
    caller,
    'ingest',
    { ...(keyEnvironment ? { environment: keyEnvironment } : {}), requests },
    'record_requests',
  );
  return keyEnvironment;
}
