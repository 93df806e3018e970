#!/usr/bin/env bash
# The browser check: plays a song's signed stream URL in headless Debian chromium (check.mjs). Installs the
# pinned playwright-core from package-lock.json (never a browser: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD), starts the
# built app (Development: seeded admin) on a free loopback port with a throwaway SQLite database and storage
# folder, runs the check and stops the app. Needs `dotnet build` first and /usr/bin/chromium (.ci/run installs
# Debian's chromium when it is missing). Exits non-zero when any step or check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
# shellcheck source=../start-app.sh
source "$here/../start-app.sh"

PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

start_app 5190

node check.mjs
