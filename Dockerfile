# The application image: worker, CLI and sandboxes (one image, the command picks the process).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly, so dev dependencies stay (typescript/tsx are small).
RUN npm ci --no-audit --no-fund
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
