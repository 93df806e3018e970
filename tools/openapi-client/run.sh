#!/usr/bin/env bash
# Generates a TypeScript client from the OpenAPI document of the running app and uses it against the app:
# installs the pinned tools from package-lock.json, starts the built app (Development: demo library and
# seeded admin) on a free loopback port with a throwaway SQLite database, generates generated/api.d.ts with
# openapi-typescript, type-checks check.ts against it with tsc, runs it, and stops the app.
# Needs `dotnet build` first. Exits non-zero when any step or check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
# shellcheck source=../start-app.sh
source "$here/../start-app.sh"

npm ci --no-audit --no-fund --loglevel=error

start_app 5180

npx openapi-typescript "$MUSICPLAYER_URL/openapi/v1.json" -o generated/api.d.ts
npx tsc -p tsconfig.json
node dist/check.js
