# syntax=docker/dockerfile:1
# One image for every Chronicle process (ingest, enrich, project, alert, api, cli);
# docker-compose.yml picks the process with `command`. Build: docker build -t chronicle:local .

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Lockfile first so the dependency layer is reused until dependencies change.
# .npmrc tells onnxruntime-node's install script to fetch nothing: its CPU runtime ships in the npm package.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
# Drop dev dependencies only after the build, which needs the TypeScript toolchain.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# Services listen on loopback unless told otherwise; inside a container that would make them
# unreachable through the published ports and from the other containers, so the image opens them.
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    HOST=0.0.0.0
WORKDIR /app
# Files stay root-owned and the process runs as the unprivileged `node` user,
# so a compromised service cannot rewrite its own code.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 3001 3002 3003 3004
CMD ["node", "dist/apps/api/src/main.js"]
