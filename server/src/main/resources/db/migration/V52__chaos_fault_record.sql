-- chaos: faults as the engine reports them (any kind: toxics, disabled proxies, Chaos Monkey, Kubernetes), with
-- the engine's own record so that the server can revert them from the journal alone
alter table chaos_fault alter column kind set data type varchar(40);
alter table chaos_fault alter column api_url drop not null;
alter table chaos_fault alter column proxy drop not null;
alter table chaos_fault add column fault_key varchar(1000);
alter table chaos_fault add column record text;
