-- gdpr-compliance: data-subject requests (Art. 15–21) against the one-month deadline of
-- Art. 12(3), and the log of what executing each one touched.

create table public.gdpr_requests (
  id uuid primary key default gen_random_uuid(),
  type text not null check (type in ('access', 'erasure', 'rectification', 'restriction',
                                     'portability', 'objection')),
  subject_id text not null,
  status text not null default 'received'
    check (status in ('received', 'verified', 'in_progress', 'extended', 'completed', 'rejected')),
  received_at timestamptz not null,
  due_at timestamptz not null,
  extension_months integer not null default 0 check (extension_months between 0 and 2),
  extension_reason text,
  verified_at timestamptz,
  completed_at timestamptz,
  rejection_reason text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (due_at > received_at),
  check (extension_months = 0 or extension_reason is not null),
  check ((status = 'completed') = (completed_at is not null)),
  check ((status = 'rejected') = (rejection_reason is not null))
);
create index gdpr_requests_open_by_due on public.gdpr_requests (due_at)
  where status not in ('completed', 'rejected');
create index gdpr_requests_subject on public.gdpr_requests (subject_id);

-- Accountability (Art. 5(2)): which tables each execution touched and how many rows. Never the
-- data itself.
create table public.gdpr_request_log (
  id bigint generated always as identity primary key,
  request_id uuid not null references public.gdpr_requests (id),
  table_name text not null,
  operation text not null check (operation in ('exported', 'deleted', 'anonymised', 'rectified')),
  row_count integer not null check (row_count >= 0),
  logged_at timestamptz not null default now()
);
create index gdpr_request_log_request on public.gdpr_request_log (request_id);

create trigger gdpr_request_log_append_only
  before update or delete on public.gdpr_request_log
  for each row execute function public.gdpr_refuse_change();
create trigger gdpr_request_log_no_truncate
  before truncate on public.gdpr_request_log
  for each statement execute function public.gdpr_refuse_change();

alter table public.gdpr_requests enable row level security;
alter table public.gdpr_request_log enable row level security;
revoke all on public.gdpr_requests, public.gdpr_request_log from anon, authenticated;

-- A signed-in user may follow their own requests (subject_id is their auth user id); nothing else.
grant select on public.gdpr_requests to authenticated;
create policy gdpr_requests_own on public.gdpr_requests
  for select to authenticated
  using (subject_id = (select auth.uid())::text);
