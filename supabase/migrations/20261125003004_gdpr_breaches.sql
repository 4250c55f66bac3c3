-- gdpr-compliance: the breach register of Art. 33(5) ("any personal data breaches, comprising the
-- facts relating to the personal data breach, its effects and the remedial action taken"), with
-- the 72-hour notification deadline of Art. 33(1).

create table public.gdpr_breaches (
  id uuid primary key default gen_random_uuid(),
  -- When the controller became aware: the 72 hours run from here, not from the breach itself.
  aware_at timestamptz not null,
  occurred_at timestamptz,
  description text not null,
  subjects_affected integer not null check (subjects_affected >= 0),
  records_affected integer not null check (records_affected >= 0),
  categories text[] not null check (cardinality(categories) > 0),
  likely_consequences text,
  measures_taken text,
  status text not null default 'detected'
    check (status in ('detected', 'notified', 'not_required', 'closed')),
  notification_due_at timestamptz not null,
  notified_at timestamptz,
  -- Art. 33(1): a notification after 72 hours "shall be accompanied by reasons for the delay".
  delay_reason text,
  -- Why notification was judged not required (unlikely to result in a risk).
  assessment text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (notification_due_at = aware_at + interval '72 hours'),
  check (status <> 'notified' or notified_at is not null),
  check (status <> 'not_required' or assessment is not null)
);
create index gdpr_breaches_awaiting on public.gdpr_breaches (notification_due_at)
  where status = 'detected';

alter table public.gdpr_breaches enable row level security;
revoke all on public.gdpr_breaches from anon, authenticated;
