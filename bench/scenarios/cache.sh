# The list cache under likes (issue 18, item 2): the anonymous first song page alone, then while likes and
# unlikes are written beside it (bench/wrk/likes.lua on BENCH_CACHE_WRITERS connections, default 4). Likes move
# only the counts version, so the cached page is read again at most once a second instead of after every like.
cache_db=$(fresh_copy "$CACHED_DB" cache)
start_api "$cache_db"
# Measured in the steady state: not beside the search index's build and its first long GC pauses (see await_search_index).
await_search_index
[ -n "${BENCH_TOKENS:-}" ] || user_tokens "$cache_db" "$TOKEN_USERS"
cache_writers="${BENCH_CACHE_WRITERS:-4}"
cache_from=${#ROWS[@]}
# A fresh process: as the core table, warm both paths up (unmeasured) before measuring either, or the rows measure
# the tiered JIT recompiling the list's and the likes' hot code (the list's own warm-up follows in run_wrk).
if [ "$WARMUP" != 0 ] && [ "$WARMUP" != 0s ]; then
  in_background wrk -t 1 -c "$cache_writers" -d "$WARMUP" --timeout 10s -s "$BENCH/wrk/likes.lua" "$API_URL" >/dev/null 2>&1 || true
  in_background wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" --timeout 10s "$API_URL$PAGE1" >/dev/null 2>&1 || true
fi
run_wrk "songs page 1, no writes" "$API_URL$PAGE1"
# The writer runs until the list has been measured and is then stopped with SIGINT, on which wrk reports.
cache_writer_out="$LOGS/wrk-cache-likes-beside.txt"
wrk -t 1 -c "$cache_writers" -d 1h --timeout 10s --latency -s "$BENCH/wrk/likes.lua" "$API_URL" >"$cache_writer_out" 2>&1 &
cache_writer=$!
PIDS+=("$cache_writer")
sleep 0.5
# The list cache's own count of misses (reads that went to the database) while the writer runs: a load-independent
# figure of the design (before item 2 of issue 18, every like made the next read a miss).
cache_misses() { curl -s -m 10 "$API_URL/metrics" | awk '/^musicplayer_catalog_list_cache_requests_total\{.*result="miss"/ { print $2 + 0 }'; }
cache_misses_before=$(cache_misses)
run_wrk "songs page 1, likes beside" "$API_URL$PAGE1"
cache_misses_after=$(cache_misses)
kill -INT "$cache_writer" 2>/dev/null || true
wait "$cache_writer" || true
ROWS+=("likes beside the list|PUT, DELETE /api/v1/songs/{random id}/like ($cache_writers connections)|$(parse_wrk "$cache_writer_out")")
printf '  %-22s %s\n' "likes beside the list" "$(awk -F'|' '{printf "%s req/s, p50 %s ms, p99 %s ms, non-2xx %s", $1, $2, $3, $4}' <<<"$(parse_wrk "$cache_writer_out")")"
stop_pid "$API_PID"
cache_reads=$(cut -d'|' -f8 <<<"${ROWS[-2]}")
cache_likes=$(cut -d'|' -f8 <<<"${ROWS[-1]}")
section "List cache under likes" "Target: the anonymous song list while likes are written beside it at ≥ 0.50 of the baseline (counts in lists may lag by under a second; edits show at once). While measured, $(fmt_int "$((${cache_misses_after:-0} - ${cache_misses_before:-0}))") of its $(fmt_int "$cache_reads") reads missed the cache ($(fmt_int "$cache_likes") likes and unlikes were written over the writer's whole run)."
table_since "$cache_from" "$BASE_RPS" "baseline"
