# Listening history (issue 16): recording plays, one heavy listener's statistics, and charts over many plays.
# Sourced by bench/run.sh after its core scenarios. The catalog gets HISTORY_PLAYS plays (default 10,000,000;
# set it lower on a slow machine), 100,000 of them by user 2 over the last 365 days, the rest over 30 days.
# Plays are dated back from the moment of seeding, so a cached database older than a day is seeded again.
HISTORY_PLAYS="${HISTORY_PLAYS:-10000000}"
HISTORY_HEAVY=100000
find "$DATA" -maxdepth 1 -name "catalog-*plays*.db" -mtime +0 -exec rm -f {} + 2>/dev/null || true
seeded_db "$SONGS" "$ALBUMS" "$USERS" "$LIKES" "$SEED" "--plays $HISTORY_PLAYS --heavy-plays $HISTORY_HEAVY"
HISTORY_SEED_NOTE="$SEEDED_NOTE, $(seed_summary "$SEEDED_DB")"
HISTORY_DB=$(fresh_copy "$SEEDED_DB" history)
start_api "$HISTORY_DB"

HISTORY_CORE_TOKENS="${BENCH_TOKENS:-}"
user_tokens "$HISTORY_DB" 16
HISTORY_TOKENS="$BENCH_TOKENS"
HISTORY_HEAVY_PLAYS=$(sqlite3 "$HISTORY_DB" "SELECT COUNT(*) FROM Plays WHERE UserId = 2")
HISTORY_TOTAL_PLAYS=$(sqlite3 "$HISTORY_DB" "SELECT COUNT(*) FROM Plays")
TO=$(date -u +%Y-%m-%d)
FROM=$(date -u -d "$TO - 364 days" +%Y-%m-%d)
export BENCH_HISTORY_TOKEN BENCH_HISTORY_PATH
BENCH_HISTORY_TOKEN=$(login "$(sqlite3 "$HISTORY_DB" "SELECT Email FROM Users WHERE Id = 2")")
BENCH_HISTORY_PATH="/api/v1/users/me/stats?from=$FROM&to=$TO&tz=Europe/Berlin"

# One request of each read before any load: the first chart read of an hour moves the windows' starts to it (the
# seeded windows start at the seeding hour). A chart page is read from the window counters, then served from the
# chart cache until the next write: the rows "+ writes" measure the reads the cache does not serve.
HISTORY_COLD_STATS=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $BENCH_HISTORY_TOKEN" "$API_URL$BENCH_HISTORY_PATH")
HISTORY_COLD_CHART=$(curl -s -o /dev/null -w '%{time_total}' "$API_URL/api/v1/charts/songs?period=week")
echo "first requests: stats $HISTORY_COLD_STATS s, week chart (uncached) $HISTORY_COLD_CHART s"

# A fresh process: as the core table, every read path is warmed up (unmeasured) before any is measured, or the first
# row measures the tiered JIT recompiling its hot code (round four in docs/performance.md).
warm_up "$API_URL" history-stats.lua
warm_up "$API_URL/api/v1/charts/songs?period=week"
warm_up "$API_URL/api/v1/charts/songs?period=all"
HISTORY_FIRST=${#ROWS[@]}
run_wrk "stats 365 days" "$API_URL" history-stats.lua "GET /api/v1/users/me/stats?from=…&to=… (365 days, Europe/Berlin)"
run_wrk "charts week" "$API_URL/api/v1/charts/songs?period=week"
run_wrk "charts all time" "$API_URL/api/v1/charts/songs?period=all"
export BENCH_TOKENS="$HISTORY_TOKENS"
run_wrk "record plays (x50)" "$API_URL" history-plays.lua "POST /api/v1/users/me/plays (50 plays a batch, 16 users)"
IFS='|' read -r _ _ HISTORY_BATCHES _ <<<"${ROWS[$((${#ROWS[@]} - 1))]}"

# Reads with plays arriving beside them, as they do under real load: a plays writer (4 connections, 50 plays a
# batch, the 16 users) runs for as long as the reader's wrk; its rate is reported in a row of its own.
HISTORY_WRITER_CONNECTIONS=4
beside_writer() { # name url [script shown] -> a reader's row, then the writer's row
  local out="$LOGS/wrk-writer-${1//[^a-zA-Z0-9]/_}.txt" writer
  wrk -t 1 -c "$HISTORY_WRITER_CONNECTIONS" --timeout 10s --latency -d "$DURATION" -s "$BENCH/wrk/history-plays.lua" "$API_URL" >"$out" 2>&1 &
  writer=$!
  PIDS+=("$writer")
  run_wrk "$@"
  wait "$writer" || { cat "$out" >&2; die "the plays writer failed beside $1"; }
  ROWS+=("  plays writer beside it|POST /api/v1/users/me/plays (x50, $HISTORY_WRITER_CONNECTIONS connections)|$(parse_wrk "$out")")
}
beside_writer "charts week + writes" "$API_URL/api/v1/charts/songs?period=week"
beside_writer "stats 365 d + writes" "$API_URL" history-stats.lua "GET /api/v1/users/me/stats?from=…&to=… (365 days, Europe/Berlin)"
export BENCH_TOKENS="$HISTORY_CORE_TOKENS"
HISTORY_WARM_CHART=$(curl -s -o /dev/null -w '%{time_total}' "$API_URL/api/v1/charts/songs?period=week")
stop_pid "$API_PID"

read -r HISTORY_WRONG HISTORY_COUNTED HISTORY_SUM < <(sqlite3 -separator ' ' "$HISTORY_DB" \
  "SELECT (SELECT COUNT(*) FROM Songs s WHERE s.PlayCount <> (SELECT COUNT(*) FROM Plays p WHERE p.SongId = s.Id AND p.Counted)),
          (SELECT COUNT(*) FROM Plays WHERE Counted), (SELECT COALESCE(SUM(PlayCount), 0) FROM Songs)")
if [ "$HISTORY_WRONG" = 0 ] && [ "$HISTORY_COUNTED" = "$HISTORY_SUM" ]; then
  HISTORY_COUNTS="exact: every song's PlayCount equals its counted plays ($(fmt_int "$HISTORY_COUNTED") counted plays)"
else
  HISTORY_COUNTS="WRONG: $HISTORY_WRONG songs' PlayCount differ from their counted plays"
fi
echo "play counts after the writes: $HISTORY_COUNTS"
# Every chart window's counters against the hourly aggregate from the window's start on.
HISTORY_WINDOWS_WRONG=$(sqlite3 "$HISTORY_DB" "
  WITH expected AS (SELECT w.\"Hours\", h.\"SongId\", SUM(h.\"Plays\") AS \"Plays\" FROM \"ChartWindows\" w
                    JOIN \"SongPlayHours\" h ON h.\"Hour\" >= w.\"StartHour\" GROUP BY w.\"Hours\", h.\"SongId\")
  SELECT (SELECT COUNT(*) FROM expected e LEFT JOIN \"SongPlayWindows\" c ON c.\"Hours\" = e.\"Hours\" AND c.\"SongId\" = e.\"SongId\"
          WHERE c.\"Plays\" IS NOT e.\"Plays\")
       + (SELECT COUNT(*) FROM \"SongPlayWindows\" c LEFT JOIN expected e ON c.\"Hours\" = e.\"Hours\" AND c.\"SongId\" = e.\"SongId\"
          WHERE e.\"Plays\" IS NULL)")
if [ "$HISTORY_WINDOWS_WRONG" = 0 ]; then HISTORY_WINDOWS="exact"; else HISTORY_WINDOWS="WRONG: $HISTORY_WINDOWS_WRONG counters differ"; fi
echo "chart windows after the writes: $HISTORY_WINDOWS"

section "Listening history" \
  "$(fmt_int "$HISTORY_TOTAL_PLAYS") plays ($HISTORY_SEED_NOTE); the statistics user has $(fmt_int "$HISTORY_HEAVY_PLAYS") plays over 365 days." \
  "Targets: recording ≥ 3,000 plays/s; stats p99 ≤ 50 ms; week chart p99 ≤ 20 ms. Recording: $(fmt_int "$((HISTORY_BATCHES * 50))") plays/s." \
  "First requests before the load: stats $HISTORY_COLD_STATS s, week chart $HISTORY_COLD_CHART s (the first read of an hour moves the windows' starts);" \
  "week chart right after the recording run: $HISTORY_WARM_CHART s. Charts are read from the maintained window counters (cached until the next write);" \
  "the rows \"+ writes\" ran with a plays writer beside the reader. Play counters after the writes: $HISTORY_COUNTS; chart windows: $HISTORY_WINDOWS."
table_since "$HISTORY_FIRST" "$HISTORY_BATCHES" "record plays"
