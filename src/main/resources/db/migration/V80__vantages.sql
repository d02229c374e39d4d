-- Checks from several vantages. Plain SQL that runs unchanged on PostgreSQL and on H2.

-- One row per vantage asked to run a part of a run: claimed by a worker of that vantage (SELECT
-- ... FOR UPDATE SKIP LOCKED), which runs the part as a run of its own (part_run, leased like
-- every run); the instance coordinating the run settles the row with the part's result.
create table vantage_parts (
    run_id varchar(64) not null,
    vantage varchar(64) not null,
    position int not null,
    status varchar(16) not null,
    request text not null,
    owner varchar(256),
    created_at timestamp with time zone not null,
    claimed_at timestamp with time zone,
    instance varchar(255),
    part_run varchar(64),
    egress varchar(64),
    outcome varchar(16),
    verdict varchar(4000),
    note varchar(1000),
    primary key (run_id, vantage)
);

create index vantage_parts_pending on vantage_parts (vantage, status, created_at);
create index vantage_parts_part_run on vantage_parts (part_run);

-- The registry: every instance writes its vantage's heartbeat and egress facts here.
create table vantages (
    name varchar(64) primary key,
    instance varchar(255) not null,
    version varchar(64),
    heartbeat_at timestamp with time zone not null,
    heartbeat_ms bigint not null,
    egress_v4 varchar(64),
    egress_v6 varchar(64),
    ptr varchar(255),
    blocklists varchar(1000)
);
