-- Broadcast streams created with POST /api/streams. Only what must outlive a restart is stored: the live state,
-- bitrate and viewer counts are the media plane's and stay in memory. Times are epoch milliseconds (UTC).
-- Portable SQL: runs on SQLite and PostgreSQL.
CREATE TABLE streams (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    room       VARCHAR(64)  NOT NULL UNIQUE,
    title      VARCHAR(800) NOT NULL,
    is_public  BOOLEAN      NOT NULL,
    created_at BIGINT       NOT NULL,
    -- set when the stream is stopped: the row stays so that its room keeps refusing everyone
    ended_at   BIGINT
);
