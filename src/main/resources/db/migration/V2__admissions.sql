-- The rate limits' sliding windows, shared by every replica (mailflow.limits.*).
create table admissions (
    limit_name varchar(16) not null,
    subject varchar(512) not null,
    admitted_at timestamp with time zone not null
);

create index admissions_window on admissions (limit_name, subject, admitted_at);

-- One row that an admission locks (select ... for update): every replica decides one start at a time.
create table admission_lock (
    id int primary key
);

insert into admission_lock (id) values (1);
