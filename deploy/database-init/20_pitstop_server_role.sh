#!/usr/bin/env bash
# Init script of the PitStop database image (deploy/database.Dockerfile):
# creates pitstop_server, the login role of the backend, and grants it
# pitstop_app (database/migrations/0002_app_role.sql), so the backend can read
# and replace parking spots but cannot change the schema. The schema owner
# (POSTGRES_USER) runs the migrations.
#
# The PostGIS image runs it once, on a new data volume, after the migrations
# (its name sorts after 0002_app_role.sql). On a volume created before this
# script existed, run it by hand:
#
#   docker compose exec db /docker-entrypoint-initdb.d/20_pitstop_server_role.sh
#
# The password comes from the file PITSTOP_DB_SERVER_PASSWORD_FILE (default
# /run/secrets/db_server_password), or else from PITSTOP_DB_SERVER_PASSWORD.
# psql connects with the image's settings (POSTGRES_USER, POSTGRES_DB, and
# PGHOST/PGPORT where set).
set -euo pipefail

role=pitstop_server
password_file="${PITSTOP_DB_SERVER_PASSWORD_FILE:-/run/secrets/db_server_password}"

if [[ -e "$password_file" && ! -r "$password_file" ]]; then
  # The image runs init scripts as the postgres user, not as root.
  echo "20_pitstop_server_role.sh: $password_file cannot be read by $(id -un): make it readable by every user (chmod 444); its folder on the host keeps it private" >&2
  exit 1
elif [[ -s "$password_file" ]]; then
  password="$(<"$password_file")"
elif [[ -n "${PITSTOP_DB_SERVER_PASSWORD:-}" ]]; then
  password="$PITSTOP_DB_SERVER_PASSWORD"
else
  echo "20_pitstop_server_role.sh: no password for $role: $password_file is missing or empty and PITSTOP_DB_SERVER_PASSWORD is not set" >&2
  exit 1
fi
# A trailing line break in the file is not part of the password.
password="${password%$'\n'}"
password="${password%$'\r'}"

# psql quotes the variables (:"role" as an identifier, :'password' as a
# literal), so no character of the password can break the statement.
psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN PASSWORD :'password';
GRANT pitstop_app TO :"role";
SQL
echo "20_pitstop_server_role.sh: $role can log in and has the rights of pitstop_app"
