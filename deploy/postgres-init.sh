#!/bin/sh
# Run once by the postgres image (docker-entrypoint-initdb.d) on an empty data volume, as the
# superuser `mysanta` of docker-compose.yml: the main database and a role that may only read it.
# POSTGRES_DB (mysanta_recommendations) is created by the image itself; `migrate` fills it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE DATABASE mysanta;
CREATE ROLE mysanta_reader LOGIN PASSWORD 'reader';
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname mysanta <<'SQL'
GRANT CONNECT ON DATABASE mysanta TO mysanta_reader;
GRANT USAGE ON SCHEMA public TO mysanta_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO mysanta_reader;
-- Tables created later by the owner (`generate` of the seed profile) are readable too.
ALTER DEFAULT PRIVILEGES FOR ROLE mysanta IN SCHEMA public GRANT SELECT ON TABLES TO mysanta_reader;
SQL
