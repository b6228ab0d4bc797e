-- Views that present MySanta's own Rails tables as the four relations of SPEC section 3, for
-- running the service directly on MySanta's production database (see MYSANTA.md). Apply them in
-- a schema the service's user reads (e.g. a `recommender` schema first in its search_path), with
-- a read-only role: the service never writes to the main database.
--
-- Ids are MySanta's UUIDs, so the service works with text ids. Only public presents
-- (user_id IS NULL) are exposed: the ~436k presents users added for themselves are not
-- recommendable, and likes or clicks of them are skipped like those of deleted presents.

-- MySanta does not expose demographics: an empty users view with the expected columns. The
-- service then knows users only from their likes and clicks.
CREATE OR REPLACE VIEW users AS
SELECT NULL::uuid         AS id,
       NULL::varchar(10)  AS gender,
       NULL::date         AS birth_date,
       NULL::integer      AS geo_id,
       NULL::timestamp    AS created_at
WHERE false;

-- categories JSON: keys gender ('f'/'m'/'any'), age ('18-24', ..., '45+'), category and
-- suitable_for; a missing key means "any". MySanta's title column is not known: the title is
-- left empty (the service does not need it to recommend).
CREATE OR REPLACE VIEW presents AS
SELECT p.id                                                              AS id,
       ''::text                                                          AS title,
       COALESCE(p.price, 0)::numeric(12,2)                               AS price,
       COALESCE(NULLIF(p.categories::jsonb ->> 'category', ''), 'any')   AS category,
       COALESCE(NULLIF(p.platform, ''), 'unknown')                       AS platform,
       COALESCE(NULLIF(lower(p.categories::jsonb ->> 'gender'), ''), 'any') AS gender,
       COALESCE(NULLIF(p.categories::jsonb ->> 'age', ''), 'any')        AS age_group,
       p.geo_id                                                          AS geo_id,
       (p.status = 'in_stock')                                           AS is_active,
       p.created_at                                                      AS created_at
FROM handpicked_presents p
WHERE p.user_id IS NULL;

CREATE OR REPLACE VIEW likes AS
SELECT l.user_id               AS user_id,
       l.handpicked_present_id AS present_id,
       l.created_at            AS created_at
FROM handpicked_likes l
WHERE l.user_id IS NOT NULL AND l.handpicked_present_id IS NOT NULL;

-- MySanta's clicks carry no user: every click is anonymous and counts toward popularity only.
CREATE OR REPLACE VIEW clicks AS
SELECT c.id                    AS id,
       NULL::uuid              AS user_id,
       c.handpicked_present_id AS present_id,
       c.created_at            AS created_at
FROM handpicked_present_clicks c
WHERE c.handpicked_present_id IS NOT NULL;

-- The per-request read of a user's likes needs an index on handpicked_likes (user_id). If
-- MySanta's schema lacks one, its owners should add it (the service itself never writes here):
--   CREATE INDEX CONCURRENTLY handpicked_likes_user_id_idx ON handpicked_likes (user_id);
