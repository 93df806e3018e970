# Sourced by the tools' run.sh scripts. start_app first-port [NAME=value...] starts the built app
# (Development: seeded admin) on the first free loopback port from first-port, with a throwaway SQLite
# database and storage folder in a temporary folder ($work), extra settings as environment variables and
# its log in $work/app.log; exports MUSICPLAYER_URL, waits until /health/ready answers 200, and stops the
# app (and removes $work) when the script exits. Needs `dotnet build` first; exits non-zero when the app
# does not get ready.
tools_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

start_app() {
  local port="$1"
  shift
  work=$(mktemp -d)
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  export MUSICPLAYER_URL="http://127.0.0.1:$port"

  env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$MUSICPLAYER_URL" \
    Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$work/musicplayer.db" Storage__Root="$work/storage" "$@" \
    dotnet run --no-build --no-launch-profile --project "$tools_root/src/Api" >"$work/app.log" 2>&1 &
  app=$!
  trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; rm -rf "$work"' EXIT

  for _ in $(seq 1 120); do
    curl -fs "$MUSICPLAYER_URL/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$app" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the app did not get ready" >&2
  cat "$work/app.log" >&2
  exit 1
}
