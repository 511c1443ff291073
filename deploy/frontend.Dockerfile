# PitStop web app image: the Next.js standalone server on port 3000. Build from
# the repository root (deploy/compose.yaml does this):
#
#   docker build -f deploy/frontend.Dockerfile -t pitstop-frontend .
#
# The page calls /api/ on its own origin, so it works only behind the gateway
# (deploy/gateway.Dockerfile), which sends /api/ to the backend.

FROM node:22-bookworm-slim AS build

WORKDIR /app
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY frontend/ ./
# NEXT_PUBLIC_* values are compiled into the page; empty means OneMap's tiles
# and credit (see frontend/README.md). A tile host other than OneMap must also
# be allowed in the gateway's PITSTOP_TILE_ORIGIN.
ARG NEXT_PUBLIC_TILE_URL=""
ARG NEXT_PUBLIC_TILE_ATTRIBUTION=""
ENV NEXT_TELEMETRY_DISABLED=1
# `npm run build` runs `next build` and then copies the static assets into
# .next/standalone (scripts/copy-standalone-assets.mjs).
RUN npm run build


FROM node:22-bookworm-slim

ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000

WORKDIR /app
COPY --from=build --chown=node:node /app/.next/standalone ./

USER node
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The standalone server is what `npm start` runs; `next start` does not serve a
# standalone build.
CMD ["node", "server.js"]
