#!/usr/bin/env bash
# The browser check: plays a song's signed stream URL in headless Debian chromium (check.mjs). Installs the
# pinned playwright-core from package-lock.json (never a browser: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD), starts the
# built app (Development: seeded admin) on a free loopback port with a throwaway SQLite database and storage
# folder, runs the check and stops the app. Needs `dotnet build` first and /usr/bin/chromium (.ci/run installs
# Debian's chromium when it is missing). Exits non-zero when any step or check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

work=$(mktemp -d)
port=5190
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
export MUSICPLAYER_URL="http://127.0.0.1:$port"

ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$MUSICPLAYER_URL" \
  Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$work/musicplayer.db" Storage__Root="$work/storage" \
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
