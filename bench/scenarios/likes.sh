# Likes by group commit (issue 18 item 3; target >= 5,000 likes + unlikes/s on SQLite, counts exact), sourced by
# bench/run.sh after the core scenarios, on its own copy of the seeded catalog: PUT then DELETE of a like by 16
# users, first on random songs of the whole catalog, then on 10 hot songs (every write moves one of ten counters,
# and a pair's PUT and DELETE often share a batch). Afterwards every song's LikeCount must equal its like rows.
LK_DB=$(fresh_copy "$CACHED_DB" likes)
start_api "$LK_DB"
LK_CORE_TOKENS="${BENCH_TOKENS:-}" LK_SONGS="$BENCH_SONGS"
user_tokens "$LK_DB" 16

LK_FROM=${#ROWS[@]}
# A fresh process: as the core table, both paths are warmed up (unmeasured) before either is measured. Under this load on
# two cores the tiered JIT takes about ten seconds to recompile the likes' hot code; measured after run_wrk's own warm-up
# alone, the first row ran at a third of the steady state (docs/performance.md).
warm_up "$API_URL" likes.lua
BENCH_SONGS=10 warm_up "$API_URL" likes.lua
run_wrk "like + unlike, 16 users" "$API_URL" likes.lua "PUT, DELETE /api/v1/songs/{random id}/like (16 users)"
export BENCH_SONGS=10
run_wrk "like + unlike, 10 songs" "$API_URL" likes.lua "PUT, DELETE /api/v1/songs/{id 1..10}/like (16 users)"
export BENCH_SONGS="$LK_SONGS" BENCH_TOKENS="$LK_CORE_TOKENS"
stop_pid "$API_PID"

section "Likes" "Like + unlike by 16 users at $CONNECTIONS connections; target >= 5,000 requests/s on SQLite with exact counts." \
  "Afterwards: $(like_counts "$LK_DB")."
table_since "$LK_FROM" "$BASE_RPS" "baseline"
