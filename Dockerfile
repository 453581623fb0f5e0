# The application image: worker, codec server, CLI and sandboxes (one image, the command picks the process).
# test/ops/docker-image.test.ts repeats these steps outside Docker: the npm RUN lines, the COPY lines, then the CMD.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Production dependencies only. tsx is one of them: it runs the TypeScript sources as they are (the
# worker bundles workflows/ from source when it starts anyway), so there is no build output to keep in step.
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY workflows ./workflows
COPY activities ./activities
COPY connectors ./connectors
COPY mapping ./mapping
COPY clients ./clients
COPY workers ./workers
COPY infra ./infra
COPY sandbox ./sandbox
COPY config ./config
USER node
CMD ["node", "--import", "tsx", "workers/main.ts"]
