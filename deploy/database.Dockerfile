# PitStop database image: PostgreSQL 15 with PostGIS and PitStop's schema.
# Build from the repository root (deploy/compose.yaml does this):
#
#   docker build -f deploy/database.Dockerfile -t pitstop-database .
#
# The PostGIS image runs every file in /docker-entrypoint-initdb.d once, in name
# order, when it starts on an empty data volume, and never again. The schema
# migrations (database/migrations/NNNN_name.sql) go there, so a new volume starts
# at the current schema version. They sort before the image's own
# 10_postgis.sh, and 0001 creates the postgis extension itself. Last comes
# 20_pitstop_server_role.sh, which creates the backend's login role. On an
# existing volume, compose.yaml's migrate service applies the migrations it is
# missing, so upgrades need no step here.

FROM postgis/postgis:15-3.4

COPY database/migrations/ /docker-entrypoint-initdb.d/
COPY deploy/database-init/ /docker-entrypoint-initdb.d/
# The entrypoint executes an executable .sh file and sources any other, and a
# sourced script's `set -u` would leak into the entrypoint.
RUN chmod 755 /docker-entrypoint-initdb.d/*.sh

# pg_isready over TCP: while the init scripts run, the image's temporary server
# listens only on the Unix socket, so the check stays unhealthy until the real
# server is up.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
    CMD pg_isready -h 127.0.0.1 -p 5432 -U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" -q || exit 1
