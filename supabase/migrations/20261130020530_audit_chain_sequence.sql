-- Issue 12, finding 7a: the audit chain is linked in commit order. The row id is taken before the
-- trigger's lock, so ids do not say in which order rows were chained: 200 parallel appends
-- forked the chain as verify_deployment_audit() walked it by id. Now each row gets `chain_seq`
-- under the lock, from the row chained last, and the chain is walked by chain_seq. The hash
-- itself is unchanged (rows already written keep verifying); reordering rows still breaks the
-- prev_hash links, and a gap in chain_seq shows a deleted row.
alter table public.deployment_audit add column chain_seq bigint;

-- Existing rows in id order (the order they were chained in, unless the race already forked it).
alter table public.deployment_audit disable trigger deployment_audit_append_only;
update public.deployment_audit a set chain_seq = s.seq
  from (select id, row_number() over (order by id) as seq from public.deployment_audit) s
 where s.id = a.id;
alter table public.deployment_audit enable trigger deployment_audit_append_only;

alter table public.deployment_audit alter column chain_seq set not null;
create unique index deployment_audit_chain_seq on public.deployment_audit (chain_seq);

create or replace function public.deployment_audit_chain() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  last_seq bigint;
  last_hash text;
begin
  -- Appends are serialised; under the lock the newest committed row is the one chained last
  -- (READ COMMITTED: this statement's snapshot is taken after the lock was granted).
  perform pg_advisory_xact_lock(hashtext('rollgate.deployment_audit.chain'));
  select a.chain_seq, a.hash into last_seq, last_hash
    from public.deployment_audit a order by a.chain_seq desc limit 1;
  new.chain_seq := coalesce(last_seq, 0) + 1;
  new.prev_hash := coalesce(last_hash, repeat('0', 64));
  new.created_at := coalesce(new.created_at, now());
  new.hash := encode(sha256(convert_to(public.deployment_audit_digest_input(new), 'UTF8')), 'hex');
  return new;
end
$$;

-- Finding 7a: every break, not only the first (a false or early break must not hide later ones).
create function public.deployment_audit_breaks()
returns table (chain_seq bigint, id bigint, reason text)
language sql stable
set search_path = ''
as $$
  with chain as (
    select a.chain_seq, a.id, a.hash, a.prev_hash,
           lag(a.hash, 1, repeat('0', 64)) over (order by a.chain_seq) as expected_prev,
           lag(a.chain_seq, 1, 0::bigint) over (order by a.chain_seq) as previous_seq,
           encode(sha256(convert_to(public.deployment_audit_digest_input(a), 'UTF8')), 'hex') as recomputed
      from public.deployment_audit a
  )
  select c.chain_seq, c.id, r.reason
    from chain c
   cross join lateral (values
     (case when c.chain_seq <> c.previous_seq + 1
           then format('rows %s to %s of the chain are missing', c.previous_seq + 1, c.chain_seq - 1) end),
     (case when c.prev_hash <> c.expected_prev then 'prev_hash does not link to the previous row' end),
     (case when c.hash <> c.recomputed then 'row content does not match its hash' end)
   ) as r(reason)
   where r.reason is not null
   order by c.chain_seq
$$;

-- The first break in chain order, as before (callers and the compliance report read this shape).
create or replace function public.verify_deployment_audit()
returns table (broken_id bigint, reason text, checked bigint)
language sql stable
set search_path = ''
as $$
  select (select b.id from public.deployment_audit_breaks() b order by b.chain_seq limit 1),
         (select b.reason from public.deployment_audit_breaks() b order by b.chain_seq limit 1),
         (select count(*) from public.deployment_audit)
$$;

-- What a checkpoint anchors: the newest chained row, its hash and the number of rows up to it.
create function public.deployment_audit_head()
returns table (chain_seq bigint, hash text, row_count bigint)
language sql stable
set search_path = ''
as $$
  select a.chain_seq, a.hash, (select count(*) from public.deployment_audit b where b.chain_seq <= a.chain_seq)
    from public.deployment_audit a order by a.chain_seq desc limit 1
$$;

revoke execute on function public.deployment_audit_breaks() from public, anon;
revoke execute on function public.deployment_audit_head() from public, anon;
