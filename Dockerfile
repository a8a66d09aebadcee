# spotlight in a container: `docker build -t spotlight-ts .`, then for example
#   docker run --rm -v "$PWD/results:/spotlight/results" spotlight-ts \
#     single --model VGG16 --target EDP --technique Spotlight --scale Edge
# Results land in /spotlight/results, so mount a folder there to keep them.

# Build stage: dev dependencies (TypeScript) compile the sources to dist/.
FROM node:20-bookworm AS build
WORKDIR /spotlight
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY maestro-cost ./maestro-cost
COPY src ./src
COPY scripts ./scripts
# The benchmark scripts import test helpers, so the tests are compiled as well.
COPY test ./test
RUN npm run build && npm prune --omit=dev

# Runtime stage: the compiled command and its production dependencies only.
FROM node:20-bookworm-slim
WORKDIR /spotlight
ENV NODE_ENV=production
COPY --from=build /spotlight/package.json /spotlight/package-lock.json ./
COPY --from=build /spotlight/node_modules ./node_modules
COPY --from=build /spotlight/dist ./dist
COPY scripts/run-ae.sh scripts/compare-ae.sh scripts/spotlight-command.sh ./scripts/
RUN ln -s /spotlight/dist/src/cli/main.js /usr/local/bin/spotlight \
    && chmod +x dist/src/cli/main.js scripts/run-ae.sh scripts/compare-ae.sh
ENTRYPOINT ["spotlight"]
CMD ["--help"]
