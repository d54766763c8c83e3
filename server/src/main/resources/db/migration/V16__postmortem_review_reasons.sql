-- postmortem: what the review decided is shown on the post-mortem, not only in the audit log: the facilitator's
-- reason for overriding open language findings, and the written reason when a published post-mortem has no
-- countermeasure.
alter table postmortem add column override_reason varchar(2000);
alter table postmortem add column no_countermeasure_reason varchar(2000);
