-- A rotated signed integration keeps its previous signing secret (sealed) for as long as its previous key works,
-- so a sender still configured with the old key and secret loses nothing during the grace period.
alter table alerting_integration add column previous_hmac_secret varchar(200);
