-- Foundation: the schema Rollgate's own bookkeeping lives in.
create extension if not exists pgcrypto with schema extensions;
