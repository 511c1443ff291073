# Tool image for operators: downloads the OSM extract and the station list into
# the data volume with deploy/fetch-data.sh. Build from the repository root;
# deploy/compose.yaml runs it as `docker compose --profile tools run --rm fetch-data`.

FROM debian:12-slim

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates curl osmium-tool jq \
    && rm -rf /var/lib/apt/lists/*

COPY deploy/fetch-data.sh /usr/local/bin/fetch-data.sh

ENTRYPOINT ["fetch-data.sh"]
CMD ["/data"]
