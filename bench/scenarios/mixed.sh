# Mixed load (issue 18 item 5): what a population of clients does at once, on one API with the list cache on,
# as the issue's soak (12 connections on list pages, 8 on bearer song detail, 4 liking and unliking) plus plays,
# searches and album track lists. One wrk per path, side by side, each with its share of the connections, so
# that every path reports its own rate, latency and errors; they all start and stop together.
mixed_db=$(fresh_copy "$CACHED_DB" mixed)
start_api "$mixed_db"
# As the search and cache scenarios: measured in the steady state, not beside the search index's build.
await_search_index
user_tokens "$mixed_db" "$TOKEN_USERS"
export BENCH_SEARCH_WORDS="heart river night fire dream shadow ocean summer golden silent midnight wild neon haert rivr h he ri"
# name|connections|script|shown path
MIXED_PATHS=(
  "mixed: song list pages (anon)|12|mixed-list.lua|GET /api/v1/songs?page={1..50, mostly the first}"
  "mixed: song detail (bearer)|8|detail.lua|GET /api/v1/songs/{random id}"
  "mixed: like + unlike (bearer)|4|likes.lua|PUT, DELETE /api/v1/songs/{random id}/like"
  "mixed: plays (bearer)|2|mixed-plays.lua|POST /api/v1/users/me/plays (one play)"
  "mixed: search (anon)|4|search-words.lua|GET /api/v1/search?q={word, typo or prefix}"
  "mixed: album songs (bearer)|2|album-songs.lua|GET /api/v1/albums/{random id}/songs"
)
# mixed_run duration -> runs every path's wrk at once for the duration; their outputs are $LOGS/wrk-mixed-N.txt
mixed_run() {
  local i=0 pids=() entry name connections script shown pid rc=0
  for entry in "${MIXED_PATHS[@]}"; do
    IFS='|' read -r name connections script shown <<<"$entry"
    wrk -t 1 -c "$connections" -d "$1" --timeout 10s --latency -s "$BENCH/wrk/$script" "$API_URL" >"$LOGS/wrk-mixed-$i.txt" 2>&1 &
    pids+=("$!")
    PIDS+=("$!")
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do wait "$pid" || rc=$?; done
  return "$rc"
}
# A fresh API spends its first 10-20 s under load recompiling its hot code (docs/performance.md), more on a
# loaded machine, and this mix has the most code to recompile: it warms up for MIXED_WARMUP (20 s) before it is
# measured, unless --warmup 0 (measured: after 10 s it served 6,100 req/s, after 25 s 8,300).
if warming; then mixed_run "${MIXED_WARMUP:-20s}" || true; fi
mixed_run "$DURATION" || { cat "$LOGS"/wrk-mixed-*.txt >&2; die "wrk failed in the mixed scenario"; }
mixed_from=${#ROWS[@]} mixed_total=0 mixed_errors=0 i=0
for entry in "${MIXED_PATHS[@]}"; do
  IFS='|' read -r name connections script shown <<<"$entry"
  parsed=$(parse_wrk "$LOGS/wrk-mixed-$i.txt")
  ROWS+=("$name ($connections conn.)|$shown|$parsed")
  IFS='|' read -r rps _ _ non2xx sock _ <<<"$parsed"
  mixed_total=$((mixed_total + rps)) mixed_errors=$((mixed_errors + non2xx + sock))
  printf '  %-36s %s req/s, non-2xx %s, socket errors %s\n' "$name" "$rps" "$non2xx" "$sock"
  i=$((i + 1))
done
mixed_rss=$(awk '/^VmHWM:/ { print $2 }' "/proc/$API_PID/status")
stop_pid "$API_PID"
read -r mixed_wrong < <(sqlite3 "$mixed_db" \
  "SELECT COUNT(*) FROM Songs s WHERE s.LikeCount <> (SELECT COUNT(*) FROM UserLikes l WHERE l.SongId = s.Id)")
section "Mixed load" "All paths at once on one API (list cache on), 32 connections shared as the issue's soak plus plays, searches and track lists: $(fmt_int "$mixed_total") requests/s in all, $mixed_errors non-2xx or socket errors, peak RSS $((mixed_rss / 1024)) MiB, like counts afterwards $([ "$mixed_wrong" = 0 ] && echo exact || echo "WRONG on $mixed_wrong songs"). Ratios are each path's share of the load over the baseline."
table_since "$mixed_from" "$BASE_RPS" "baseline"
unset BENCH_SEARCH_WORDS
