-- The main database of SPEC section 3 on PostgreSQL: the four relations the service reads.
-- `mysanta-rec generate` creates it from this file; in production these are MySanta's own
-- tables or the views of mysanta_views.postgresql.sql.
--
-- Id columns are marked `/* id */`: with text ids (UUIDs) the service puts TEXT in place of the
-- BIGINT before them. Everything after the `-- @after-load` line is run once the data is in, so
-- that bulk loading does not maintain secondary indexes row by row.

CREATE TABLE users (
    id         BIGINT /* id */ PRIMARY KEY,
    gender     VARCHAR(10),          -- 'm', 'f', or NULL when unknown
    birth_date DATE,                 -- NULL when unknown
    geo_id     INTEGER,              -- region (213 = Moscow); NULL when unknown
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE presents (
    id         BIGINT /* id */ PRIMARY KEY,
    title      TEXT NOT NULL,
    price      NUMERIC(12,2) NOT NULL,
    category   VARCHAR(50) NOT NULL,
    platform   VARCHAR(50) NOT NULL,
    gender     VARCHAR(10) NOT NULL DEFAULT 'any',
    age_group  VARCHAR(20) NOT NULL DEFAULT 'any',
    geo_id     INTEGER,              -- NULL: available everywhere
    is_active  BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE likes (
    user_id    BIGINT /* id */ NOT NULL,
    present_id BIGINT /* id */ NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, present_id)  -- also serves lookups by user_id
);

CREATE TABLE clicks (
    id         BIGINT PRIMARY KEY,
    user_id    BIGINT /* id */,      -- NULL for an anonymous click
    present_id BIGINT /* id */ NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- @after-load
-- Per-request reads of one user's likes and clicks (LoadUserActivity), popularity by present,
-- and the active-present count of /stats.
CREATE INDEX likes_present_id_idx ON likes (present_id);
CREATE INDEX clicks_user_id_idx ON clicks (user_id, present_id);  -- index-only per-user reads
CREATE INDEX clicks_present_id_idx ON clicks (present_id);
CREATE INDEX presents_is_active_idx ON presents (is_active);
ANALYZE users;
ANALYZE presents;
ANALYZE likes;
ANALYZE clicks;
