-- version: grows on every change of the account (optimistic concurrency, ETag/If-Match).
-- session_epoch: grows when the account's sessions must end (password change, disabling, "log out
-- everywhere", password reset); a web session remembers the epoch it was opened at and ends when it differs.
alter table platform_user add column version bigint default 0 not null;
alter table platform_user add column session_epoch bigint default 0 not null;
