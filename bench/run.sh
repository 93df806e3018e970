#!/usr/bin/env bash
# MusicPlayer benchmark: builds Release, seeds (or reuses) a catalog database, starts the API
# against it, loads it with wrk at 32 connections, compares with a bare Kestrel baseline, and
# writes the table to bench/RESULTS.md. See "Benchmarks" in the README.
set -Eeuo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [options]

  -d, --duration T     wrk duration of each measured scenario (default 15s)
      --warmup T       unmeasured wrk run before each scenario (default 3s; 0 to skip)
  -c, --connections N  wrk connections (default 32)
  -t, --threads N      wrk threads (default 2)
      --songs N        catalog size (defaults: 100000 songs, 10000 albums,
      --albums N         1000 users, 1000000 likes, seed 42)
      --users N
      --likes N
      --seed N
      --growth         also measure page 1 at 10,000 and at 1,000,000 songs (seeds two more databases)
      --no-build       use the Release binaries already built
      --port N         first port to try for the API (default 5090; the baseline takes the next free one)
      --out FILE       where to write the results (default bench/RESULTS.md)
      --no-core        skip the core scenarios and the baseline (to try a feature scenario)
      --scenario NAME  run only this feature scenario of bench/scenarios/NAME.sh (repeatable;
                       default: every file there); --scenario none runs none
  -h, --help
EOF
}

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
DURATION=15s WARMUP=3s CONNECTIONS=32 THREADS=2
SONGS=100000 ALBUMS=10000 USERS=1000 LIKES=1000000 SEED=42
GROWTH=0 BUILD=1 PORT=5090 OUT="$BENCH/RESULTS.md"
SCENARIOS=() CORE=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d|--duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    -c|--connections) CONNECTIONS="$2"; shift ;;
    -t|--threads) THREADS="$2"; shift ;;
    --songs) SONGS="$2"; shift ;;
    --albums) ALBUMS="$2"; shift ;;
    --users) USERS="$2"; shift ;;
    --likes) LIKES="$2"; shift ;;
    --seed) SEED="$2"; shift ;;
    --growth) GROWTH=1 ;;
    --no-build) BUILD=0 ;;
    --port) PORT="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --scenario) SCENARIOS+=("$2"); shift ;;
    --no-core) CORE=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

DATA="$BENCH/data"
RUN="$DATA/run"
LOGS="$RUN/logs"
mkdir -p "$DATA" "$RUN" "$LOGS"
PASSWORD="bench-password-1"
SIGNING_KEY="bench-only-signing-key-0123456789abcdef0123456789"
TOKEN_USERS=8

say() { printf '\n== %s\n' "$*"; }
die() { echo "error: $*" >&2; exit 1; }

# --- processes we start, and only those, go on exit --------------------------------------------
PIDS=()
stop_pid() {
  local pid="$1"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
}
trap cleanup EXIT
# Runs a command as a child we wait for, so that a signal to this script stops it at once.
in_background() {
  "$@" &
  local pid=$! rc=0
  PIDS+=("$pid")
  wait "$pid" || rc=$?
  return "$rc"
}
trap 'exit 130' INT TERM HUP

# --- tools ---------------------------------------------------------------------------------------
ensure_tool() { # command [debian package]
  command -v "$1" >/dev/null 2>&1 && return
  local package="${2:-$1}" sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing $package (apt-get)"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
  command -v "$1" >/dev/null 2>&1 || die "could not install $package"
}
ensure_tool wrk
ensure_tool sqlite3
ensure_tool curl
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is needed"

fmt_int() { local n="$1" out=""; while [ ${#n} -gt 3 ]; do out=",${n: -3}$out"; n="${n:0:${#n}-3}"; done; echo "$n$out"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p="$1"; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }

# --- build ----------------------------------------------------------------------------------------
# The API is published ReadyToRun (precompiled, as a production deployment would ship it), so that
# start-up measures the app rather than the JIT compiling it.
API_OUT="$BENCH/data/publish/api"
API_DLL="$API_OUT/MusicPlayer.Api.dll"
RID="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
SEED_DLL="$BENCH/Seed/bin/Release/net10.0/MusicPlayer.Bench.Seed.dll"
BASELINE_DLL="$BENCH/Baseline/bin/Release/net10.0/MusicPlayer.Bench.Baseline.dll"
if [ "$BUILD" = 1 ]; then
  say "build (Release)"
  dotnet publish "$ROOT/src/Api/MusicPlayer.Api.csproj" -c Release -r "$RID" --self-contained false \
    -p:PublishReadyToRun=true -o "$API_OUT" --disable-build-servers -nologo -v q -clp:ErrorsOnly \
    || die "publish of the API failed"
  for project in "$BENCH"/{Seed,Baseline,Inspect}/MusicPlayer.Bench.*.csproj; do
    dotnet build "$project" -c Release --disable-build-servers -nologo -v q -clp:ErrorsOnly \
      || die "build of $(basename "$project") failed"
  done
fi
for dll in "$API_DLL" "$SEED_DLL" "$BASELINE_DLL"; do [ -f "$dll" ] || die "$dll is missing (build first)"; done

# --- seeded databases, cached by sizes, seed and the code that shapes them -------------------------
SEED_CODE_HASH="$(cat "$BENCH"/Seed/*.cs "$BENCH"/Seed/*.csproj "$ROOT"/src/Infrastructure/Persistence/Migrations/*.cs \
  $(find "$ROOT/src/Domain" -name '*.cs' -not -path '*/obj/*' | sort) | sha256sum | cut -c1-10)"
SEEDED_DB="" SEEDED_NOTE=""

# seeded_db songs albums users likes seed [extra seeder options] -> sets SEEDED_DB to the cached file, seeding it first if needed
seeded_db() {
  local songs="$1" albums="$2" users="$3" likes="$4" seed="$5" extra="${6:-}"
  local db="$DATA/catalog-s${songs}-a${albums}-u${users}-l${likes}-seed${seed}${extra:+-${extra//[^a-z0-9]/}}-${SEED_CODE_HASH}.db"
  if [ ! -f "$db" ]; then
    echo "seeding $(basename "$db")"
    local started; started=$(now_ms)
    dotnet "$SEED_DLL" --db "$db.tmp" --songs "$songs" --albums "$albums" --users "$users" --likes "$likes" \
      --seed "$seed" --password "$PASSWORD" --force $extra | tee "$db.log.tmp" || die "seeding failed"
    echo "wall clock including process start: $(( $(now_ms) - started )) ms" >> "$db.log.tmp"
    rm -f "$db.tmp-wal" "$db.tmp-shm"
    mv "$db.tmp" "$db" && mv "$db.log.tmp" "$db.log"
    SEEDED_NOTE="seeded in this run"
  else
    echo "reusing $(basename "$db")"
    SEEDED_NOTE="cached database, seeded by an earlier run"
  fi
  SEEDED_DB="$db"
}

seed_summary() { # db -> "13.7 s"
  sed -n 's/^seeded in \([0-9.]* s\).*/\1/p' "$1.log" 2>/dev/null | tail -1
}

# --- the API ---------------------------------------------------------------------------------------
API_PID="" API_URL="" STARTUP_MS=""
# start_api db-copy [NAME=value...] -> sets API_PID, API_URL, STARTUP_MS (extra settings as environment variables)
start_api() {
  local db="$1" port log
  shift
  port=$(free_port "$PORT")
  API_URL="http://127.0.0.1:$port"
  log="$LOGS/api-$(basename "$db" .db).log"
  local started; started=$(now_ms)
  # All load comes from one address: the anonymous list limit per address is lifted, or wrk would measure 429s.
  env ASPNETCORE_ENVIRONMENT=Production \
      ASPNETCORE_URLS="$API_URL" \
      Jwt__SigningKey="$SIGNING_KEY" \
      Jwt__AccessTokenMinutes=120 \
      "ConnectionStrings__Default=Data Source=$db" \
      Logging__LogLevel__Default=Warning \
      Logging__LogLevel__Microsoft.AspNetCore=Warning \
      RateLimiting__Lists__PermitLimit=2000000000 \
      "$@" \
      dotnet "$API_DLL" >"$log" 2>&1 &
  API_PID=$!
  PIDS+=("$API_PID")
  local code=""
  while [ "$code" != 200 ]; do
    kill -0 "$API_PID" 2>/dev/null || { tail -20 "$log" >&2; die "the API exited during start-up (log: $log)"; }
    [ $(( $(now_ms) - started )) -lt 120000 ] || { tail -20 "$log" >&2; die "the API was not ready within 120 s"; }
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$API_URL/health/ready" || true)
    [ "$code" = 200 ] || sleep 0.01
  done
  STARTUP_MS=$(( $(now_ms) - started ))
  echo "API pid $API_PID on $API_URL: process start to first 200 from /health/ready in $STARTUP_MS ms (log: $log)"
}

# await_search_index -> waits (unmeasured) until the API's in-memory search index is current. It is built in the
# background after readiness (about 5 s of CPU at 100,000 songs), and its ~150 MiB then move to the oldest GC
# generation in a few long pauses: a scenario measured in the first seconds after start_api measures that, not itself.
await_search_index() {
  local from; from=$(now_ms)
  [ "${Search__MemoryIndex:-true}" = false ] && return
  until curl -s "$API_URL/metrics" | grep -q '^musicplayer_search_memory_current 1'; do
    [ $(( $(now_ms) - from )) -lt 120000 ] || die "the in-memory search index was not current within 120 s"
    sleep 0.1
  done
  echo "in-memory search index current $(( $(now_ms) - from )) ms after readiness"
}

# login email -> prints the access token of a seeded account (every one has the password $PASSWORD)
login() {
  local body token
  body=$(curl -s -m 10 -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" "$API_URL/api/v1/auth/login")
  token=$(sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' <<<"$body")
  [ -n "$token" ] || die "login as $1 failed: $body"
  echo "$token"
}

# user_tokens db n -> exports BENCH_TOKENS: access tokens of the first n seeded users, space-separated
user_tokens() {
  local email tokens=""
  while read -r email; do tokens="$tokens $(login "$email")"; done \
    < <(sqlite3 "$1" "SELECT Email FROM Users WHERE Role = 'user' ORDER BY Id LIMIT $2")
  export BENCH_TOKENS="$tokens"
}

# fresh_copy cached-db name -> a working copy the run may change (the cache stays pristine)
fresh_copy() {
  local copy="$RUN/$2.db"
  rm -f "$copy" "$copy-wal" "$copy-shm"
  cp "$1" "$copy"
  echo "$copy"
}

# --- wrk ------------------------------------------------------------------------------------------
export BENCH_WRK_DIR="$BENCH/wrk"
# warming -> whether the run warms paths up (--warmup other than 0)
warming() { [ "$WARMUP" != 0 ] && [ "$WARMUP" != 0s ]; }
# warm_up url [script] -> loads the path for $WARMUP as the measured runs do, unmeasured (nothing without a warm-up):
# a fresh process spends its first seconds under load recompiling its hot code (docs/performance.md)
warm_up() {
  warming || return 0
  in_background wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" --timeout 10s ${2:+-s "$BENCH/wrk/$2"} "$1" >/dev/null 2>&1 || true
}
# run_wrk name url [script shown-path] -> appends a row to ROWS (and keeps wrk's output in the logs), after warm_up
ROWS=()
run_wrk() {
  local name="$1" url="$2" script="${3:-}" shown="${4:-GET /${2#http://*/}}" out="$LOGS/wrk-${1//[^a-zA-Z0-9]/_}.txt"
  local args=(-t "$THREADS" -c "$CONNECTIONS" --timeout 10s --latency)
  [ -n "$script" ] && args+=(-s "$BENCH/wrk/$script")
  warm_up "$url" "$script"
  in_background wrk "${args[@]}" -d "$DURATION" "$url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for $name"; }
  local parsed; parsed=$(parse_wrk "$out")
  ROWS+=("$name|$shown|$parsed")
  printf '  %-22s %s\n' "$name" "$(awk -F'|' '{printf "%s req/s, p50 %s ms, p99 %s ms, non-2xx %s, socket errors %s", $1, $2, $3, $4, $5}' <<<"$parsed")"
}

# parse_wrk file -> "rps|p50ms|p99ms|non2xx|socket errors|requests" from wrk --latency output
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      return v + 0
    }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /requests in/ { total = $1 }
    /Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
    END { printf "%.0f|%.2f|%.2f|%d|%d|%d", rps, p50, p99, non2xx, sock, total }
  ' "$1"
}

# like_counts db -> whether every song's LikeCount equals its like rows, in a sentence
like_counts() {
  local wrong rows sum
  read -r wrong rows sum < <(sqlite3 -separator ' ' "$1" \
    "SELECT (SELECT COUNT(*) FROM Songs s WHERE s.LikeCount <> (SELECT COUNT(*) FROM UserLikes l WHERE l.SongId = s.Id)),
            (SELECT COUNT(*) FROM UserLikes), (SELECT COALESCE(SUM(LikeCount), 0) FROM Songs)")
  if [ "$wrong" = 0 ] && [ "$rows" = "$sum" ]; then
    echo "exact: every song's LikeCount equals its UserLikes rows ($(fmt_int "$rows") likes)"
  else
    echo "WRONG: $wrong songs' LikeCount differ from their UserLikes rows ($(fmt_int "$rows") rows, LikeCount sum $(fmt_int "$sum"))"
  fi
}

# --- the run --------------------------------------------------------------------------------------
STARTED_AT="$(date -u '+%Y-%m-%d %H:%M UTC')"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v load="${LOAD_BEFORE%% *}" -v cores="$(nproc)" 'BEGIN { exit !(load > cores) }'; then
  echo "warning: load average $LOAD_BEFORE on $(nproc) cores: other work is sharing the CPU, figures will be low and noisy" >&2
fi

say "catalog: $SONGS songs, $ALBUMS albums, $USERS users, $LIKES likes, seed $SEED"
seeded_db "$SONGS" "$ALBUMS" "$USERS" "$LIKES" "$SEED"
CACHED_DB="$SEEDED_DB"
MAIN_SEED_NOTE="$SEEDED_NOTE"
MAIN_SEED_TIME="$(seed_summary "$CACHED_DB")"
DB=$(fresh_copy "$CACHED_DB" main)

PAGE1="/api/v1/songs?page=1&pageSize=20"
export BENCH_SONGS="$SONGS" BENCH_ALBUMS="$ALBUMS"
PEAK_RSS_KB=0 COUNTS="not measured (--no-core)" BASE_RPS=0 MAIN_STARTUP_MS="not measured (--no-core)"
if [ "$CORE" = 1 ]; then
  say "start the API (Production, Release)"
  start_api "$DB"
  MAIN_STARTUP_MS="$STARTUP_MS"

  # Bearer tokens of several seeded users.
  user_tokens "$DB" "$TOKEN_USERS"
  echo "logged in as $(wc -w <<<"$BENCH_TOKENS") seeded users"
  await_search_index

  # The body the baseline serves: the API's own first page.
  curl -s -f -o "$RUN/songs-page1.json" "$API_URL$PAGE1" || die "GET $PAGE1 failed"
  echo "captured GET $PAGE1: $(wc -c <"$RUN/songs-page1.json") bytes"

  # name|url|wrk script|shown path
  CORE_SCENARIOS=(
    "songs page 1 (anon)|$API_URL$PAGE1||"
    "albums page 1 (anon)|$API_URL/api/v1/albums||"
    "songs genre+sort|$API_URL/api/v1/songs?genre=Rock&sort=-likeCount||"
    "songs deep page|$API_URL/api/v1/songs?page=2000||"
    "song detail (bearer)|$API_URL|detail.lua|GET /api/v1/songs/{random id}"
    "album songs (bearer)|$API_URL|album-songs.lua|GET /api/v1/albums/{random id}/songs"
    "like + unlike (bearer)|$API_URL|likes.lua|PUT, DELETE /api/v1/songs/{random id}/like"
  )
  # A fresh process spends its first seconds under load recompiling its hot code (tiered JIT, with PGO's
  # instrumented tier first), on the same two cores the load needs: whichever scenario ran first was measured
  # during it (docs/performance.md). Every path is warmed up once before any is measured, so that each is
  # measured in the steady state a long-running server is in.
  if warming; then
    say "warm-up: every core path for $WARMUP, unmeasured"
    for entry in "${CORE_SCENARIOS[@]}"; do
      IFS='|' read -r name url script shown <<<"$entry"
      warm_up "$url" "$script"
    done
  fi
  say "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per scenario (warm-up $WARMUP)"
  for entry in "${CORE_SCENARIOS[@]}"; do
    IFS='|' read -r name url script shown <<<"$entry"
    if [ -n "$script" ]; then run_wrk "$name" "$url" "$script" "$shown"; else run_wrk "$name" "$url"; fi
  done

  PEAK_RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$API_PID/status")
  echo "API peak resident memory (VmHWM): $(( PEAK_RSS_KB / 1024 )) MiB"
  stop_pid "$API_PID"

  # Start-up on an existing database, as a restart in production finds it: the median of three starts on
  # the database the scenarios above used (already migrated, indexed and with its signing key).
  say "start-up to ready, existing database (3 starts)"
  STARTS=()
  for _ in 1 2 3; do
    start_api "$DB"
    STARTS+=("$STARTUP_MS")
    stop_pid "$API_PID"
  done
  read -r STARTUP_MEDIAN STARTUP_MAX < <(printf '%s\n' "${STARTS[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[2], v[3] }')
  ROWS+=("start-up to ready, existing database|process start to the first 200 from /health/ready (3 starts: ${STARTS[*]} ms)|0|$STARTUP_MEDIAN|$STARTUP_MAX|0|0|0")
  echo "  start-up: ${STARTS[*]} ms (median $STARTUP_MEDIAN ms)"

  say "like counts after the writes"
  COUNTS=$(like_counts "$DB")
  echo "$COUNTS"

say "baseline (bare Kestrel, same bytes)"
BASE_PORT=$(free_port $((PORT + 1)))
dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:$BASE_PORT" --path /api/v1/songs --body "$RUN/songs-page1.json" \
  >"$LOGS/baseline.log" 2>&1 &
BASE_PID=$!
PIDS+=("$BASE_PID")
for _ in $(seq 1 3000); do
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$BASE_PORT$PAGE1" || true)" = 200 ] && break
  kill -0 "$BASE_PID" 2>/dev/null || die "the baseline exited (log: $LOGS/baseline.log)"
  sleep 0.01
done
run_wrk "baseline (bare Kestrel)" "http://127.0.0.1:$BASE_PORT$PAGE1"
stop_pid "$BASE_PID"
BASE_RPS=$(cut -d'|' -f3 <<<"${ROWS[-1]}")
fi

# --- growth: page 1 at 10,000 and at 1,000,000 songs ------------------------------------------------
GROWTH_ROWS=()
if [ "$GROWTH" = 1 ]; then
  for size in 10000 1000000; do
    say "growth: $size songs"
    seeded_db "$size" $((size / 10)) 1000 "$size" "$SEED"
    cached="$SEEDED_DB"
    copy=$(fresh_copy "$cached" "growth-$size")
    start_api "$copy"
    growth_startup="$STARTUP_MS"
    run_wrk "page 1 at $size songs" "$API_URL$PAGE1"
    stop_pid "$API_PID"
    GROWTH_ROWS+=("$size|$growth_startup|$(seed_summary "$cached")|${ROWS[-1]}")
    unset 'ROWS[-1]'
  done
fi

# --- feature scenarios: bench/scenarios/*.sh --------------------------------------------------------
# Each file is sourced in turn after the core scenarios (no API is running then) and may use every
# function above: seeded_db, fresh_copy, start_api, stop_pid, run_wrk, in_background, ensure_tool.
# It reports with section (a heading and a sentence) and then table_since, or with its own lines in
# REPORT_EXTRA, which the report prints after the core table.
REPORT_EXTRA=()
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else if (a / b < 0.1) printf "%.3f", a / b; else printf "%.2f", a / b }'; }
section() { # title sentence...
  REPORT_EXTRA+=("" "### $1" "")
  shift
  [ $# -eq 0 ] || REPORT_EXTRA+=("$*" "")
}
# table_since N base-rps base-name -> moves ROWS[N..] into a report table with ratios to base-rps
table_since() {
  local from="$1" base="$2" base_name="$3" i
  REPORT_EXTRA+=("| scenario | path | requests/s | p50 ms | p99 ms | non-2xx | socket errors | ratio to $base_name |")
  REPORT_EXTRA+=("|---|---|--:|--:|--:|--:|--:|--:|")
  for ((i = from; i < ${#ROWS[@]}; i++)); do
    IFS='|' read -r name path rps p50 p99 non2xx sock total <<<"${ROWS[$i]}"
    REPORT_EXTRA+=("| $name | \`$path\` | $(fmt_int "$rps") | $p50 | $p99 | $non2xx | $sock | $(ratio "$rps" "$base") |")
  done
  ROWS=("${ROWS[@]:0:$from}")
}
if [ "${#SCENARIOS[@]}" -eq 0 ]; then
  for file in "$BENCH"/scenarios/*.sh; do [ -f "$file" ] && SCENARIOS+=("$(basename "$file" .sh)"); done
fi
for scenario in "${SCENARIOS[@]}"; do
  [ "$scenario" = none ] && continue
  [ -f "$BENCH/scenarios/$scenario.sh" ] || die "no scenario bench/scenarios/$scenario.sh"
  say "scenario: $scenario"
  # shellcheck source=/dev/null
  source "$BENCH/scenarios/$scenario.sh"
done

# --- report ---------------------------------------------------------------------------------------

# target name rps ms -> the issue's target for a core row and whether this run met it ("" for a row without one)
target() {
  local goal="" met
  case "$1" in
    "song detail (bearer)"|"album songs (bearer)") goal="≥ 0.25"; met=$(awk -v a="$2" -v b="$BASE_RPS" 'BEGIN { print (b > 0 && a / b >= 0.25) }') ;;
    "like + unlike (bearer)") goal="≥ 5,000 req/s"; met=$(( $2 >= 5000 )) ;;
    "start-up to ready, existing database") goal="≤ 1,000 ms"; met=$(awk -v ms="$3" 'BEGIN { print (ms <= 1000) }') ;;
  esac
  [ -z "$goal" ] || { [ "$met" = 1 ] && echo "$goal: met" || echo "$goal: **not met**"; }
}

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!bench/RESULTS.md' 2>/dev/null)" ]; then
  COMMIT="$COMMIT (with uncommitted changes)"
fi
CPU="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
MEM="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` (see \"Benchmarks\" in the README); the figures of the latest run."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| date | $STARTED_AT |"
  echo "| commit | $COMMIT |"
  echo "| machine | $(nproc) cores, $CPU, $MEM |"
  echo "| load average before / after | $LOAD_BEFORE / $LOAD_AFTER |"
  echo "| .NET SDK | $(dotnet --version) |"
  echo "| wrk | $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $THREADS threads, $CONNECTIONS connections, $DURATION per scenario after a $WARMUP warm-up |"
  echo "| catalog | $(fmt_int "$SONGS") songs, $(fmt_int "$ALBUMS") albums, $(fmt_int "$USERS") users, $(fmt_int "$LIKES") likes, seed $SEED |"
  echo "| seeding | ${MAIN_SEED_TIME:-?} ($MAIN_SEED_NOTE) |"
  echo "| API start-up | $MAIN_STARTUP_MS ms from process start to the first 200 from /health/ready (first start on a fresh copy of the seeded database; the core table has the median of three restarts) |"
  echo "| API peak RSS | $(( PEAK_RSS_KB / 1024 )) MiB (VmHWM after the last API scenario) |"
  echo "| like counts after the writes | $COUNTS |"
  echo
  echo "| scenario | path | requests/s | p50 ms | p99 ms | non-2xx | socket errors | ratio to baseline | target (issue 18) |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|---|"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name path rps p50 p99 non2xx sock total <<<"$row"
    if [ "$rps" = 0 ] && [ "$total" = 0 ]; then
      # A row that is a duration, not a load (start-up): p50 is the median, p99 the slowest.
      echo "| $name | $path | – | $p50 | $p99 | – | – | – | $(target "$name" "$rps" "$p50") |"
    else
      echo "| $name | \`$path\` | $(fmt_int "$rps") | $p50 | $p99 | $non2xx | $sock | $(ratio "$rps" "$BASE_RPS") | $(target "$name" "$rps" "$p50") |"
    fi
  done
  for line in "${REPORT_EXTRA[@]}"; do echo "$line"; done
  if [ "${#GROWTH_ROWS[@]}" -eq 2 ]; then
    echo
    echo "Catalog growth: \`GET $PAGE1\` on two more seeded databases (albums = songs / 10, 1,000 users, likes = songs)."
    echo
    echo "| songs | seeding | start-up ms | requests/s | p50 ms | p99 ms | non-2xx |"
    echo "|--:|--:|--:|--:|--:|--:|--:|"
    for row in "${GROWTH_ROWS[@]}"; do
      IFS='|' read -r size startup seeded name path rps p50 p99 non2xx sock total <<<"$row"
      echo "| $(fmt_int "$size") | ${seeded:-?} | $startup | $(fmt_int "$rps") | $p50 | $p99 | $non2xx |"
    done
    IFS='|' read -r _ _ _ _ _ _ small_p50 small_p99 _ <<<"${GROWTH_ROWS[0]}"
    IFS='|' read -r _ _ _ _ _ _ big_p50 big_p99 _ <<<"${GROWTH_ROWS[1]}"
    echo
    echo "Ratio 1,000,000 / 10,000 songs: p50 $(ratio "$big_p50" "$small_p50")×, p99 $(ratio "$big_p99" "$small_p99")×."
  fi
  echo
  echo "Ratio to baseline = the scenario's requests/s over the bare Kestrel endpoint's, which serves the"
  echo "captured bytes of \`GET $PAGE1\` with the same headers. Non-2xx counts responses with any other"
  echo "status; socket errors are wrk's connect/read/write/timeout errors (timeout 10 s). wrk's raw output"
  echo "and the API's log of this run are under \`bench/data/run/logs/\` (not committed). A load average above"
  echo "the number of cores means other work shared the CPU during the run: compare ratios, not absolute figures."
  echo
  echo "Seeding of the main catalog (\`bench/Seed\`, $MAIN_SEED_NOTE):"
  echo
  echo '```'
  grep -v ' / .* rows/s$' "$CACHED_DB.log" | sed "s|$ROOT/||"
  echo '```'
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"

say "results (also in ${OUT#"$ROOT"/})"
sed -n '/^| scenario/,$p' "$OUT"
grep -E '^\| (seeding|API start-up|API peak RSS|like counts)' "$OUT"
