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

# One request of each read before any load: the chart's first page is computed from the hourly aggregate (later
# requests are served from the chart cache until a play or catalog write moves the catalog version).
HISTORY_COLD_STATS=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $BENCH_HISTORY_TOKEN" "$API_URL$BENCH_HISTORY_PATH")
HISTORY_COLD_CHART=$(curl -s -o /dev/null -w '%{time_total}' "$API_URL/api/v1/charts/songs?period=week")
echo "first requests: stats $HISTORY_COLD_STATS s, week chart (uncached) $HISTORY_COLD_CHART s"

HISTORY_FIRST=${#ROWS[@]}
run_wrk "stats 365 days" "$API_URL" history-stats.lua "GET /api/v1/users/me/stats?from=…&to=… (365 days, Europe/Berlin)"
run_wrk "charts week" "$API_URL/api/v1/charts/songs?period=week"
run_wrk "charts all time" "$API_URL/api/v1/charts/songs?period=all"
export BENCH_TOKENS="$HISTORY_TOKENS"
run_wrk "record plays (x50)" "$API_URL" history-plays.lua "POST /api/v1/users/me/plays (50 plays a batch, 16 users)"
export BENCH_TOKENS="$HISTORY_CORE_TOKENS"
IFS='|' read -r _ _ HISTORY_BATCHES _ <<<"${ROWS[$((${#ROWS[@]} - 1))]}"
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

section "Listening history" \
  "$(fmt_int "$HISTORY_TOTAL_PLAYS") plays ($HISTORY_SEED_NOTE); the statistics user has $(fmt_int "$HISTORY_HEAVY_PLAYS") plays over 365 days." \
  "Targets: recording ≥ 3,000 plays/s; stats p99 ≤ 50 ms; week chart p99 ≤ 20 ms. Recording: $(fmt_int "$((HISTORY_BATCHES * 50))") plays/s." \
  "First requests before the load: stats $HISTORY_COLD_STATS s, week chart $HISTORY_COLD_CHART s (computed from the hourly aggregate; then cached until the next write);" \
  "week chart right after the recording run (recomputed): $HISTORY_WARM_CHART s. Play counters after the writes: $HISTORY_COUNTS."
table_since "$HISTORY_FIRST" "$HISTORY_BATCHES" "record plays"
