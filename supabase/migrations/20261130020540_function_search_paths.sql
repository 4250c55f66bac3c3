-- Supabase's Security Advisor (splinter lint 0011) warned of eleven functions whose search_path
-- the calling role could change: a role that can create objects earlier on its path could then
-- substitute its own. Each gets a fixed search_path now.
--
-- '' (only pg_catalog, implicitly): these name their own objects schema-qualified already and
-- otherwise use built-ins only.
alter function public.gdpr_refuse_change() set search_path = '';
alter function public.gdpr_assert_data_map() set search_path = '';
alter function public.gdpr_subject_predicate(text, text) set search_path = '';
alter function public.gdpr_anonymise_assignments(text, text, text) set search_path = '';
alter function public.gdpr_tables_children_first() set search_path = '';
alter function public.gdpr_data_map_missing() set search_path = '';
alter function public.gdpr_retention_predicate(public.gdpr_data_map_tables) set search_path = '';

-- pg_catalog, public: these read, delete and update the application's own mapped tables, whose
-- triggers and defaults run under the function's setting and may name the application's objects
-- unqualified, as they would in the application's own sessions.
alter function public.gdpr_subject_rows(text) set search_path = pg_catalog, public;
alter function public.gdpr_erase_subject(text) set search_path = pg_catalog, public;
alter function public.gdpr_retention_backlog(timestamptz) set search_path = pg_catalog, public;
alter function public.gdpr_run_retention(timestamptz, text) set search_path = pg_catalog, public;

-- The twelfth, the aggregate public.telemetry_hist_sum(int[]), cannot carry a setting
-- (PostgreSQL has no ALTER AGGREGATE … SET); the only code it runs is its state function
-- public.telemetry_hist_add, whose search_path is '' since it was created.
