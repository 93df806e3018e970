#!/usr/bin/env bash
# Verifies our access tokens with another JOSE implementation (jose, from npm) against the running app's JWKS:
# installs jose from package-lock.json, starts the built app (Development: seeded admin) with Jwt:Algorithm=$1
# (RS256 or ES256) on a free loopback port with a throwaway SQLite database, runs check.mjs, stops the app.
# Needs `dotnet build` first. Exits non-zero when any step or check fails.
set -euo pipefail
algorithm="${1:?usage: run.sh RS256|ES256}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
# shellcheck source=../start-app.sh
source "$here/../start-app.sh"

npm ci --no-audit --no-fund --loglevel=error

start_app 5190 Jwt__Algorithm="$algorithm" DemoLibrary__Seed=false
export JWT_ALGORITHM="$algorithm"

node check.mjs
