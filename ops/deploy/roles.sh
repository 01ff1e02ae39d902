#!/usr/bin/env bash
# Runs once, when the primary's data folder is first made (docker-entrypoint-initdb.d): the ledger's two roles.
# ledger_owner owns the schema and runs the migrations; ledger_app, which the API nodes connect as, may append events
# and write read models but not change history or the schema (the migrate verb grants it that).
set -euo pipefail
psql -v ON_ERROR_STOP=1 -v owner_password="$LEDGER_OWNER_PASSWORD" -v app_password="$LEDGER_APP_PASSWORD" \
     --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE ledger_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE ledger_app LOGIN PASSWORD :'app_password';
SELECT format('GRANT CONNECT, CREATE ON DATABASE %I TO ledger_owner', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO ledger_app', current_database()) \gexec
SQL
