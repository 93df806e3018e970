# Search (issue 15): GET /api/v1/search uncached (the list cache off, the list rate limit out of the way),
# with whole words, one-typo words and 1-3 letter prefixes picked at random by bench/wrk/search-words.lua.
search_db=$(fresh_copy "$CACHED_DB" search)
export Caching__CatalogLists=false RateLimiting__Lists__PermitLimit=100000000 Caching__MaxConcurrentSearches=64
start_api "$search_db"
# The in-memory search index is built in the background after start-up (readiness does not wait for it): measure the
# searches it answers, not its build.
await_search_index
search_words="heart river night fire dream shadow ocean summer golden silent midnight wild neon"
search_typos="haert rivr nihgt fier draem shaodw ocaen sumer goldne silnet midnihgt wlid neno"
search_prefixes="h he hea r ri riv n ni nig f fi fir d dr dre s sh sha"
# As the core table: a fresh process spends its first seconds under load recompiling its hot code (tiered JIT), and a
# 5 s warm-up of one path left the first search rows measuring it (word: 4,468 req/s, p99 20.3 ms in the 5 s after it;
# 9,176, p99 8.0 ms five seconds later). Every search path is warmed once, unmeasured, before any is measured.
if warming; then
  for path in /api/v1/search?q= /api/v1/songs?q=; do
    for words in "$search_words" "$search_typos" "$search_prefixes"; do
      BENCH_SEARCH_PATH="$path" BENCH_SEARCH_WORDS="$words" warm_up "$API_URL" search-words.lua
    done
  done
fi
search_from=${#ROWS[@]}
BENCH_SEARCH_WORDS="$search_words" \
  run_wrk "search word" "$API_URL" search-words.lua "GET /api/v1/search?q={word}"
BENCH_SEARCH_WORDS="$search_typos" \
  run_wrk "search one typo" "$API_URL" search-words.lua "GET /api/v1/search?q={word with a typo}"
BENCH_SEARCH_WORDS="$search_prefixes" \
  run_wrk "search as you type" "$API_URL" search-words.lua "GET /api/v1/search?q={1-3 letters}"
# The lists' q run on the same machinery (with typos forgiven), keeping their own sort and counting their total.
BENCH_SEARCH_PATH="/api/v1/songs?q=" BENCH_SEARCH_WORDS="$search_words" \
  run_wrk "songs list q word" "$API_URL" search-words.lua "GET /api/v1/songs?q={word}"
BENCH_SEARCH_PATH="/api/v1/songs?q=" BENCH_SEARCH_WORDS="$search_prefixes" \
  run_wrk "songs list q 1-3 letters" "$API_URL" search-words.lua "GET /api/v1/songs?q={1-3 letters}"
# Index upkeep on writes: song creation through the API (compare this row across commits, e.g. the one before the index).
BENCH_ADMIN_TOKEN=$(login admin@example.com)
BENCH_ADMIN_TOKEN="$BENCH_ADMIN_TOKEN" run_wrk "create song (admin)" "$API_URL" search-writes.lua "POST /api/v1/songs"
stop_pid "$API_PID"
unset Caching__CatalogLists RateLimiting__Lists__PermitLimit Caching__MaxConcurrentSearches
section "Search (uncached)" "Targets: p99 ≤ 20 ms for a word and for 1–3 letters, ≤ 40 ms with one typo, at $CONNECTIONS connections; song creation keeps at least 70 % of its throughput without the index."
table_since "$search_from" "$BASE_RPS" "baseline"
