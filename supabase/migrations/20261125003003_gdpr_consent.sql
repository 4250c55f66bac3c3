-- gdpr-compliance: consent as an append-only ledger. A withdrawal is a new row, never an edit:
-- the controller must be able to show what was consented to, when, under which notice
-- (Art. 7(1)), and when it was withdrawn (Art. 7(3)).

create table public.gdpr_consent_events (
  id bigint generated always as identity primary key,
  subject_id text not null,
  purpose text not null,
  granted boolean not null,
  notice_version text not null,
  source text not null,
  recorded_at timestamptz not null default now()
);
-- The current state per purpose is the subject's latest row for it.
create index gdpr_consent_events_latest
  on public.gdpr_consent_events (subject_id, purpose, id desc);
create index gdpr_consent_events_purpose on public.gdpr_consent_events (purpose, id desc);

create trigger gdpr_consent_events_append_only
  before update or delete on public.gdpr_consent_events
  for each row execute function public.gdpr_refuse_change();
create trigger gdpr_consent_events_no_truncate
  before truncate on public.gdpr_consent_events
  for each statement execute function public.gdpr_refuse_change();

alter table public.gdpr_consent_events enable row level security;
revoke all on public.gdpr_consent_events from anon, authenticated;

-- A signed-in user may read their own consent history (to show it in the app); writes go
-- through the function with the service role, which records source and notice version.
grant select on public.gdpr_consent_events to authenticated;
create policy gdpr_consent_events_own on public.gdpr_consent_events
  for select to authenticated
  using (subject_id = (select auth.uid())::text);
