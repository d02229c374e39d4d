-- The test mailbox (package inbox): one row per handed-out address; the report of its one message
-- as JSON once it arrived; the message itself only with mailflow.inbox.keep-body.
create table inbox_mailboxes (
    id varchar(32) primary key,
    address varchar(320) not null unique,
    owner varchar(256) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    received_at timestamp with time zone,
    report text,
    body bytea
);

create index inbox_mailboxes_owner on inbox_mailboxes (owner, created_at desc);
create index inbox_mailboxes_created on inbox_mailboxes (created_at);
