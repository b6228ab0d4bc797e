-- The recommendations database of SPEC section 4 on PostgreSQL, owned by the service and created
-- by `mysanta-rec migrate` (and at start-up). Every statement is idempotent, so running the file
-- again changes nothing.
--
-- User and item id columns are marked `/* id */` and take the main database's id type: with text
-- ids the service puts TEXT in place of the BIGINT before them (and recreates the three derived
-- tables when their id type no longer matches: their data is recomputed by the jobs).

CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

-- One row per segment and present. NULL in a segment column means "any".
CREATE TABLE IF NOT EXISTS popular_items (
    geo_id           INTEGER,
    gender           VARCHAR(10),
    age_group        VARCHAR(20),
    category         VARCHAR(50),
    item_id          BIGINT /* id */ NOT NULL,
    popularity_score DECIMAL NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS user_similarities (
    user_id          BIGINT /* id */ NOT NULL,
    similar_user_id  BIGINT /* id */ NOT NULL,
    similarity_score DECIMAL NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, similar_user_id)
);

-- preferred_* are JSON objects name -> weight, e.g. {"books": 0.6, "electronics": 0.4}.
CREATE TABLE IF NOT EXISTS user_profiles (
    user_id              BIGINT /* id */ PRIMARY KEY,
    preferred_categories JSONB NOT NULL,
    preferred_platforms  JSONB NOT NULL,
    avg_price            DECIMAL NOT NULL,
    price_min            DECIMAL NOT NULL,
    price_max            DECIMAL NOT NULL,
    log_price_mean       DOUBLE PRECISION NOT NULL DEFAULT 0,
    log_price_std        DOUBLE PRECISION NOT NULL DEFAULT 0,  -- 0: unknown
    interaction_count    INTEGER NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

-- Added after the first release: tables created before get the columns here. (A DO block rather
-- than ADD COLUMN IF NOT EXISTS, which would print a notice on every fresh database.)
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                   AND table_name = 'user_profiles' AND column_name = 'log_price_mean') THEN
        ALTER TABLE user_profiles ADD COLUMN log_price_mean DOUBLE PRECISION NOT NULL DEFAULT 0;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                   AND table_name = 'user_profiles' AND column_name = 'log_price_std') THEN
        ALTER TABLE user_profiles ADD COLUMN log_price_std DOUBLE PRECISION NOT NULL DEFAULT 0;
    END IF;
END
$$;

-- A counter bumped after every job that changed the data: cache keys carry it.
CREATE TABLE IF NOT EXISTS data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING;

-- Runs of the background jobs, newest last; the service keeps the last few per job.
CREATE TABLE IF NOT EXISTS job_runs (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job         VARCHAR(50) NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    duration_ms DOUBLE PRECISION NOT NULL,
    status      VARCHAR(20) NOT NULL,
    rows        BIGINT NOT NULL,
    error       TEXT
);
CREATE INDEX IF NOT EXISTS job_runs_job_idx ON job_runs (job, id);

-- Job locks are PostgreSQL advisory locks: no table needed.

INSERT INTO schema_migrations (version) VALUES (1) ON CONFLICT DO NOTHING;
