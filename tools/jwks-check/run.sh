#!/usr/bin/env bash
# Verifies our access tokens with another JOSE implementation (jose, from npm) against the running app's JWKS:
# installs jose from package-lock.json, starts the built app (Development: seeded admin) with Jwt:Algorithm=$1
# (RS256 or ES256) on a free loopback port with a throwaway SQLite database, runs check.mjs, stops the app.
# Needs `dotnet build` first. Exits non-zero when any step or check fails.
set -euo pipefail
algorithm="${1:?usage: run.sh RS256|ES256}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

npm ci --no-audit --no-fund --loglevel=error

work=$(mktemp -d)
port=5190
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
export MUSICPLAYER_URL="http://127.0.0.1:$port" JWT_ALGORITHM="$algorithm"

ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$MUSICPLAYER_URL" Jwt__Algorithm="$algorithm" \
  Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$work/musicplayer.db" DemoLibrary__Seed=false \
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

node check.mjs
