# The application image: worker, codec server, ingress, CLI and sandboxes (one image; the command picks the process).
# Two stages: `build` compiles TypeScript to dist/ and prebuilds the workflow bundle (npm run build);
# the runtime stage has production dependencies only, the build output and the mapping file, and runs as `node`.
#   docker run <image>                 the worker (default)
#   docker run <image> codec-server    also: ingress, cli <args>, replay, sandbox
# test/ops/docker-image.test.ts repeats these steps outside Docker (no engine here): both stages, then the commands.
FROM node:20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY workflows ./workflows
COPY activities ./activities
COPY connectors ./connectors
COPY mapping ./mapping
COPY clients ./clients
COPY workers ./workers
COPY infra ./infra
COPY sandbox ./sandbox
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /build/dist ./dist
COPY config ./config
# The worker's state (the rotated Workday refresh token, .data/), writable by the app user; mount a volume there.
RUN mkdir -p .data && chown node:node .data
USER node
ENTRYPOINT ["node", "dist/clients/start.js"]
CMD ["worker"]
