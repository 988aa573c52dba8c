-- Scheduled meetings. Times are epoch milliseconds (UTC); time_zone is the IANA zone the meeting's wall clock and
-- recurrence live in. Portable SQL: runs on SQLite and PostgreSQL.
CREATE TABLE meetings (
    id               VARCHAR(32)  NOT NULL PRIMARY KEY,
    room             VARCHAR(64)  NOT NULL UNIQUE,
    title            VARCHAR(800) NOT NULL,
    starts_at        BIGINT       NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL,
    duration_minutes INTEGER      NOT NULL,
    lobby            BOOLEAN      NOT NULL,
    password_hash    VARCHAR(200),
    recurrence       VARCHAR(300),
    -- end of the last occurrence, or NULL when the series never ends: lets a date-range query skip old meetings
    series_ends_at   BIGINT,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    -- set when the meeting is deleted: the row stays so that its room is not reused as an open ad-hoc room
    deleted_at       BIGINT
);
CREATE INDEX meetings_starts_at ON meetings (starts_at);
