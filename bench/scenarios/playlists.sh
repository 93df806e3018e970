# Playlists (issue 14), sourced by bench/run.sh after the core scenarios, on its own copy of the seeded catalog:
# page 1 of a 10,000-entry playlist, a smart playlist evaluated over the whole catalog (three conditions,
# limit 500), and moving one entry of the 10,000-entry playlist to a random place. The playlists are made
# through the API by one seeded user (public, so the reads go anonymous like the core list scenarios).
PL_ENTRIES=10000
PL_DB=$(fresh_copy "$CACHED_DB" playlists)
start_api "$PL_DB"
PL_TOKEN=$(login "$(sqlite3 "$PL_DB" "SELECT Email FROM Users WHERE Role = 'user' ORDER BY Id LIMIT 1")")
pl_post() { # path json -> body (dies unless 2xx)
  curl -s -f -m 60 -X POST -H "Authorization: Bearer $PL_TOKEN" -H 'Content-Type: application/json' -d "$2" "$API_URL$1" \
    || die "POST $1 failed"
}
pl_id() { sed -n 's/^{"id":\([0-9]*\),.*/\1/p'; }

PL_ID=$(pl_post /api/v1/playlists '{"name":"Bench: ten thousand","isPublic":true}' | pl_id)
for ((pl_batch = 0; pl_batch < PL_ENTRIES / 500; pl_batch++)); do
  pl_post "/api/v1/playlists/$PL_ID/songs" "{\"songIds\":[$(shuf -i "1-$SONGS" -n 500 -r --random-source=<(yes "$pl_batch") | paste -sd,)]}" >/dev/null
done
read -r PL_MIN PL_MAX PL_COUNT < <(sqlite3 -separator ' ' "$PL_DB" \
  "SELECT MIN(Id), MAX(Id), COUNT(*) FROM PlaylistEntries WHERE PlaylistId = $PL_ID")
[ "$PL_COUNT" = "$PL_ENTRIES" ] || die "the bench playlist has $PL_COUNT entries, not $PL_ENTRIES"

# The catalog's most common genre, songs over two minutes with at least one like, most liked first.
PL_GENRE=$(sqlite3 "$PL_DB" "SELECT Genre FROM Songs GROUP BY NormalizedGenre ORDER BY COUNT(*) DESC LIMIT 1")
PL_SMART=$(pl_post /api/v1/playlists "{\"name\":\"Bench: smart\",\"isPublic\":true,\"rules\":{\"match\":\"all\",\"conditions\":[
  {\"field\":\"genre\",\"operator\":\"is\",\"value\":\"$PL_GENRE\"},{\"field\":\"duration\",\"operator\":\"gt\",\"value\":120},
  {\"field\":\"likeCount\",\"operator\":\"gt\",\"value\":0}],\"sort\":\"-likeCount\",\"limit\":500}}" | pl_id)
echo "playlists: $PL_ID ($PL_COUNT entries), smart $PL_SMART (genre $PL_GENRE): $(curl -s "$API_URL/api/v1/playlists/$PL_SMART" | sed -n 's/.*"songCount":\([0-9]*\).*/\1/p') songs"

PL_FROM=${#ROWS[@]}
run_wrk "playlist page 1 (10k)" "$API_URL/api/v1/playlists/$PL_ID/songs"
run_wrk "smart playlist page 1" "$API_URL/api/v1/playlists/$PL_SMART/songs"
run_wrk "smart playlist detail" "$API_URL/api/v1/playlists/$PL_SMART"
export BENCH_OWNER_TOKEN="$PL_TOKEN" BENCH_PLAYLIST="$PL_ID" BENCH_ENTRY_MIN="$PL_MIN" BENCH_ENTRY_MAX="$PL_MAX" BENCH_ENTRIES="$PL_ENTRIES"
run_wrk "move entry (10k, bearer)" "$API_URL" playlists-move.lua "PUT /api/v1/playlists/{id}/songs/{random entry}/position"
# Entries keep distinct sort keys, as many as the kept count, and the API numbers them 1..n (the last page ends at n).
PL_AFTER=$(sqlite3 "$PL_DB" "SELECT COUNT(*) = COUNT(DISTINCT SortKey) AND COUNT(*) = (SELECT SongCount FROM Playlists WHERE Id = $PL_ID)
  FROM PlaylistEntries WHERE PlaylistId = $PL_ID")
PL_LAST=$(curl -s "$API_URL/api/v1/playlists/$PL_ID/songs?page=$((PL_ENTRIES / 100))&pageSize=100" | grep -o '"position":[0-9]*' | sed -n '1s/.*://p;$s/.*://p' | paste -sd-)
[ "$PL_LAST" = "$((PL_ENTRIES - 99))-$PL_ENTRIES" ] || PL_AFTER=0
stop_pid "$API_PID"

IFS='|' read -r _ _ PL_BASE _ <<<"${ROWS[0]}"
section "Playlists" "A public playlist of $(fmt_int "$PL_ENTRIES") entries and a public smart playlist (genre is $PL_GENRE, duration > 120 s," \
  "likeCount > 0, sorted by likes, limit 500) over the seeded catalog; targets: p99 <= 20 ms for both reads, >= 500 moves/s." \
  "After the moves the positions were still 1..n without gaps: $([ "$PL_AFTER" = 1 ] && echo yes || echo NO)."
table_since "$PL_FROM" "$PL_BASE" "songs page 1"
