-- Plain SQL that runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per run: what the history list filters on, the lease of the instance running it, and
-- its state (plan, sessions, diagnosis) as JSON, rewritten as the run goes and final at its end.
create table runs (
    id varchar(64) primary key,
    owner varchar(256),
    domain varchar(255) not null,
    status varchar(16) not null,
    outcome varchar(16),
    verdict varchar(4000),
    started_at timestamp with time zone not null,
    finished_at timestamp with time zone,
    instance varchar(255) not null,
    lease_until timestamp with time zone,
    note varchar(1000),
    request text not null,
    state text,
    knowledge_version varchar(64)
);

create index runs_newest on runs (started_at desc, id desc);
create index runs_domain on runs (domain, started_at desc);
create index runs_owner on runs (owner, started_at desc);
create index runs_lease on runs (status, lease_until);

create table run_recipients (
    run_id varchar(64) not null references runs (id) on delete cascade,
    address varchar(512) not null,
    primary key (run_id, address)
);

create index run_recipients_address on run_recipients (address);

-- Every event as it was appended: a run cut off by a crash keeps its transcript up to there.
create table run_events (
    run_id varchar(64) not null references runs (id) on delete cascade,
    seq bigint not null,
    at_ms bigint not null,
    session varchar(1024),
    phase varchar(16),
    kind varchar(16) not null,
    text text not null,
    detail text,
    primary key (run_id, seq)
);
