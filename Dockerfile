# The supervisor hub (hub/) as a container: README "Hub pengawas" / "Supervisor hub" → Deployment.
#   docker build -t humas-kanal-hub .
#   docker run -p 127.0.0.1:8788:8788 -v hub-data:/data humas-kanal-hub                  # PGlite in /data
#   docker run -p 127.0.0.1:8788:8788 -e DATABASE_URL=postgres://… humas-kanal-hub       # PostgreSQL
# docker-compose.yml runs it with PostgreSQL.

# Build: every package (esbuild, the page's Preact and i18n), then `npm run hub:build` → hub/dist/.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts wait for the sources: the postinstall (`wxt prepare`) reads wxt.config.ts.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run postinstall && npm run hub:build

# Run: production packages only (`npm ci --omit=dev`: no WXT, esbuild, tsx or TypeScript) and the built hub.
FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/hub/dist hub/dist
# PGlite's data (when DATABASE_URL is empty) lives in the /data volume, owned by the unprivileged user.
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
# postgres://user:password@host:5432/db selects PostgreSQL; empty: PGlite in /data.
ENV DATABASE_URL=""
EXPOSE 8788
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8788/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Administration: docker exec <container> node hub/dist/server.mjs --data /data agency add <id> "<name>"
# (PostgreSQL: any command; PGlite: the running hub runs agency/user/code commands itself). A PGlite
# backup waits for the hub to stop (it holds /data/humas-kanal-hub.pid): docker stop, then
#   docker run --rm -v hub-data:/data -v "$PWD":/backup humas-kanal-hub --data /data backup /backup/hub.tar.gz
ENTRYPOINT ["node", "hub/dist/server.mjs"]
CMD ["--host", "0.0.0.0", "--port", "8788", "--data", "/data"]
