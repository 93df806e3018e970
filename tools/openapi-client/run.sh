#!/usr/bin/env bash
# Generates a TypeScript client from the OpenAPI document of the running app and uses it against the app:
# installs the pinned tools from package-lock.json, starts the built app (Development: demo library and
# seeded admin) on a free loopback port with a throwaway SQLite database, generates generated/api.d.ts with
# openapi-typescript, type-checks check.ts against it with tsc, runs it, and stops the app.
# Needs `dotnet build` first. Exits non-zero when any step or check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

npm ci --no-audit --no-fund --loglevel=error

work=$(mktemp -d)
port=5180
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
export MUSICPLAYER_URL="http://127.0.0.1:$port"

ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$MUSICPLAYER_URL" \
  Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$work/musicplayer.db" \
  dotnet run --no-build --no-launch-profile --project "$root/src/Api" >"$work/app.log" 2>&1 &
app=$!
stop() { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; rm -rf "$work"; }
trap stop EXIT

for _ in $(seq 1 120); do
  curl -fs "$MUSICPLAYER_URL/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$MUSICPLAYER_URL/health/ready" >/dev/null || { echo "the app did not get ready" >&2; cat "$work/app.log" >&2; exit 1; }

npx openapi-typescript "$MUSICPLAYER_URL/openapi/v1.json" -o generated/api.d.ts
npx tsc -p tsconfig.json
node dist/check.js
