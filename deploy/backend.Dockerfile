# PitStop backend image: `pitstop serve` and the other `pitstop` subcommands.
# Build from the repository root (deploy/compose.yaml does this):
#
#   docker build -f deploy/backend.Dockerfile -t pitstop-backend .
#
# The build stage compiles a Release binary with Debian 12's compiler defaults,
# which target baseline x86-64 (SSE2, no AVX), so the image runs on old CPUs.
# The runtime stage holds the binary, the shared libraries it links, tzdata for
# the refresh schedule's time zone, CA certificates for OneMap and DataMall, and
# curl for the health check. The map and parking data come from the /data volume
# and the database, never from the image.

FROM debian:12 AS build

# The build libraries of scripts/install-dependencies.sh, without its test
# packages and the PostgreSQL server that the tests start.
# deploy/tests/test_deploy_files.py checks that the two lists stay in step.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        build-essential cmake pkg-config \
        libosmium2-dev libprotozero-dev libboost-dev libbz2-dev libexpat1-dev zlib1g-dev \
        libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libproj-dev libcurl4-openssl-dev \
        libpqxx-dev libpq-dev libhowardhinnant-date-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY backend/ backend/
# The schema migrations are compiled into the binary (backend/CMakeLists.txt).
COPY database/migrations/ database/migrations/

# Compile jobs; lower it on a server with little memory (we estimate about 1 GB per job).
ARG BUILD_JOBS=2

# No -march or -mtune flags: the binary must run on any x86-64 CPU. The check
# after the build fails the image when a flag sneaks in through the toolchain
# or the CMake files.
RUN cmake -S backend -B build -DCMAKE_BUILD_TYPE=Release -DPITSTOP_BUILD_TESTS=OFF \
    && cmake --build build --target pitstop --parallel "$BUILD_JOBS" \
    && if grep -q -e '-march=' -e '-mtune=' -e '-mavx' build/compile_commands.json; then \
         echo "error: the compile commands contain -march, -mtune or -mavx; the image must target baseline x86-64" >&2; \
         exit 1; \
       fi \
    && strip build/pitstop


FROM debian:12-slim

# Runtime packages of the libraries that build/pitstop links directly (see
# `readelf -d build/pitstop`); libc6, libstdc++6 and libgcc-s1 come with the base
# image. deploy/tests/test_deploy_files.py checks this list against a local build.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libspdlog1.10 libfmt9 libproj25 libcurl4 libexpat1 zlib1g libbz2-1.0 \
        libpqxx-6.4 libpq5 libdate-tz3 \
        ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 pitstop \
    && useradd --system --uid 10001 --gid pitstop --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin pitstop

COPY --from=build /src/build/pitstop /usr/local/bin/pitstop
# A library missing from the list above would only show when the container
# starts, so fail the build instead.
RUN if ldd /usr/local/bin/pitstop | grep 'not found'; then \
      echo "error: the runtime image lacks the shared libraries listed above" >&2; \
      exit 1; \
    fi \
    && pitstop --help >/dev/null

# Listen on every interface of the container; the compose files publish the
# port only where it is needed. /data is the OSM and reference data volume.
ENV PITSTOP_BIND=0.0.0.0 \
    PITSTOP_PORT=8000 \
    PITSTOP_DATA_DIR=/data

USER 10001:10001
EXPOSE 8000

# /ready returns 200 once the database is connected and the map and parking data
# are loaded. The first start loads the map and may run a full DataMall refresh
# (about 6 minutes), hence the long start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15m --retries=3 \
    CMD curl -fsS -o /dev/null --max-time 4 "http://127.0.0.1:${PITSTOP_PORT}/ready" || exit 1

ENTRYPOINT ["pitstop"]
CMD ["serve"]
