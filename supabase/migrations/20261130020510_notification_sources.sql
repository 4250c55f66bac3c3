-- Issue 12, finding 5: the outbox is rate-limited per source. Each message records who caused it
-- (`source`: 'rollgate' for what Rollgate decided itself, else the reporting caller); past the
-- per-minute limit a source's messages collapse into one 'summary' row per source and minute,
-- whose `suppressed` counts them. Existing rows were Rollgate's or unknown: 'rollgate'.
alter table public.notification_outbox
  add column source text not null default 'rollgate',
  add column summary_minute timestamptz,
  add column suppressed int not null default 0 check (suppressed >= 0);

alter table public.notification_outbox drop constraint notification_outbox_kind_check;
alter table public.notification_outbox add constraint notification_outbox_kind_check check (kind in (
  'approval_requested', 'started', 'step_advanced', 'paused', 'resumed', 'succeeded', 'failed',
  'rolled_back', 'emergency', 'summary'));
alter table public.notification_outbox add constraint notification_outbox_summary_minute
  check ((kind = 'summary') = (summary_minute is not null));

-- The per-minute count reads a source's recent rows; one summary per source and minute.
create index notification_outbox_source_recent on public.notification_outbox (source, created_at);
create unique index notification_outbox_summary on public.notification_outbox (source, summary_minute)
  where summary_minute is not null;
