# One image for the API and the worker; docker-compose.yml picks the command.
# The workspace (web/) is built in its own stage, with the dev dependencies Vite needs,
# and only its output joins the image, where the API serves it under /app/.
FROM node:20-bookworm-slim AS web
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build web

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=web /build/web/dist web/dist
USER node
