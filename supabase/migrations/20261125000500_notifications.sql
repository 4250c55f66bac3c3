-- Notifications: written to an outbox in the transaction that changes a deployment's state and
-- delivered by a queue worker with retries, so a Slack outage never blocks a rollout and no
-- message is lost or sent twice by a retry.
create table public.notification_outbox (
  id bigint generated always as identity primary key,
  deployment_id text not null,
  audit_id bigint not null,
  kind text not null check (kind in (
    'approval_requested', 'started', 'step_advanced', 'paused', 'resumed', 'succeeded', 'failed',
    'rolled_back', 'emergency')),
  channel text not null check (channel in ('default', 'emergency')),
  message jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'skipped')),
  attempts int not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  unique (audit_id, channel)
);
create index notification_outbox_status on public.notification_outbox (status, created_at);

alter table public.notification_outbox enable row level security;
create policy notification_outbox_read on public.notification_outbox for select to authenticated using (true);
