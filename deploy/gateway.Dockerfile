# PitStop gateway image: nginx with gateway/ rendered for containers. Build from
# the repository root (deploy/compose.gateway.yaml does this):
#
#   docker build -f deploy/gateway.Dockerfile -t pitstop-gateway .
#
# scripts/web-render-gateway.sh renders the same gateway/ files that the native
# stack uses, with the upstreams at the PitStop services' names on the shared
# gateway network. nginx looks those names up through Docker's DNS server
# (127.0.0.11) while it runs, so the gateway starts while PitStop is down and
# follows the containers to their new addresses after an upgrade.
# The upstream `resolve` parameter needs nginx 1.27.3 or newer.

FROM nginx:1.28-bookworm

# curl for the health check (the nginx image may already contain it).
RUN command -v curl >/dev/null \
    || { apt-get update \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
         && rm -rf /var/lib/apt/lists/*; }

COPY gateway/ /opt/pitstop-gateway/source/gateway/
COPY scripts/web-render-gateway.sh /opt/pitstop-gateway/source/scripts/

ARG PITSTOP_BACKEND_ADDR=pitstop-backend:8000
ARG PITSTOP_FRONTEND_ADDR=pitstop-frontend:3000
ARG PITSTOP_TILE_ORIGIN=https://www.onemap.gov.sg

# Renders into /etc/pitstop-gateway and runs `nginx -t` on the result. The logs
# go to the container's output (docker logs), and the nginx user owns what the
# workers write.
RUN PITSTOP_GATEWAY_PORT=8080 \
    PITSTOP_BACKEND_ADDR="$PITSTOP_BACKEND_ADDR" \
    PITSTOP_FRONTEND_ADDR="$PITSTOP_FRONTEND_ADDR" \
    PITSTOP_TILE_ORIGIN="$PITSTOP_TILE_ORIGIN" \
    PITSTOP_GATEWAY_RESOLVER=127.0.0.11 \
      bash /opt/pitstop-gateway/source/scripts/web-render-gateway.sh /etc/pitstop-gateway \
    && ln -sf /dev/stdout /etc/pitstop-gateway/logs/access.log \
    && ln -sf /dev/stderr /etc/pitstop-gateway/logs/error.log \
    && chown -R nginx:nginx /etc/pitstop-gateway/logs /etc/pitstop-gateway/temp

USER nginx
EXPOSE 8080

# Any HTTP status counts: the gateway is healthy when nginx responds, even while
# PitStop or another application behind it is down.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD curl -sS -o /dev/null --max-time 4 http://127.0.0.1:8080/ || exit 1

ENTRYPOINT ["nginx", "-p", "/etc/pitstop-gateway/", "-c", "/etc/pitstop-gateway/nginx.conf", "-g", "daemon off;"]
