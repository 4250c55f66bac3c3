-- An environment's default analysis spec beyond its thresholds (issue 13): per-metric settings
-- (critical, direction, dry-run, no-data policy, on_failure), the default on_failure and dry-run
-- checks. A deployment's own spec overrides it metric by metric; thresholds stay in `thresholds`.
alter table public.environments add column analysis jsonb not null default '{}';
