-- One server key for the whole product (platform.secrets.ServerSecrets) when kintsugi.secrets.key is not configured:
-- made once, shared by every instance on the database. On-call's former key moves here, so its sealed webhook
-- targets, links and feed URLs stay valid.
create table platform_server_key (
    id      integer      primary key,
    secret  varchar(200) not null
);

insert into platform_server_key (id, secret) select id, secret from oncall_server_key;

drop table oncall_server_key;
