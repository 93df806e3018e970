# Streaming (sourced by bench/run.sh): a 10 MB file uploaded through the API (FileSystem store) and the
# same file on Kestrel's own static-file middleware (bench/Baseline --static), in the same run:
#   - the whole file to $CONNECTIONS concurrent clients (the API through its signed URL, no token);
#   - 64 KiB ranged reads at random offsets (wrk/streaming-ranges.lua);
#   - the API's resident memory (VmRSS, sampled every 0.2 s) while 200 clients stream the whole file.
# Targets: whole file >= 0.8 of the static server, ranges >= 0.5, memory within +-30 MB.

STREAM_DIR="$RUN/streaming"
rm -rf "$STREAM_DIR" && mkdir -p "$STREAM_DIR/static"
STREAM_FILE="$STREAM_DIR/static/song.wav"
STREAM_SIZE=$((10 * 1000 * 1000))

# A 16-bit stereo 44.1 kHz PCM WAV of STREAM_SIZE bytes: a 44-byte header, then random samples.
le32() { printf "\\x$(printf %02x $(($1 & 255)))\\x$(printf %02x $((($1 >> 8) & 255)))\\x$(printf %02x $((($1 >> 16) & 255)))\\x$(printf %02x $((($1 >> 24) & 255)))"; }
{
  printf 'RIFF'; le32 $((STREAM_SIZE - 8)); printf 'WAVEfmt '; le32 16
  printf '\x01\x00\x02\x00'; le32 44100; le32 $((44100 * 4)); printf '\x04\x00\x10\x00'
  printf 'data'; le32 $((STREAM_SIZE - 44))
  head -c $((STREAM_SIZE - 44)) /dev/urandom
} >"$STREAM_FILE"
[ "$(stat -c %s "$STREAM_FILE")" = "$STREAM_SIZE" ] || die "the streaming test file has the wrong size"

STREAM_DB=$(fresh_copy "$CACHED_DB" streaming)
export Storage__Root="$STREAM_DIR/storage"
start_api "$STREAM_DB"
unset Storage__Root
STREAM_API_PID="$API_PID"

admin=$(curl -s -m 10 -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@example.com\",\"password\":\"$PASSWORD\"}" "$API_URL/api/v1/auth/login" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$admin" ] || die "login as the seeded admin failed"
song=$(curl -s -m 120 -H "Authorization: Bearer $admin" -F "file=@$STREAM_FILE" "$API_URL/api/v1/uploads" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
[ -n "$song" ] || die "the upload of the streaming test file failed"
signed=$(curl -s -m 10 -H "Authorization: Bearer $admin" "$API_URL/api/v1/songs/$song/stream-url" | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')
[ -n "$signed" ] || die "no signed stream URL"
signed="${signed//\\u0026/&}"
STREAM_PATH="/${signed#http://*/}"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$API_URL$STREAM_PATH")" = 200 ] || die "GET $STREAM_PATH is not a 200"
echo "song $song: $STREAM_SIZE bytes at $STREAM_PATH"

static_port=$(free_port $((PORT + 2)))
STATIC_URL="http://127.0.0.1:$static_port"
dotnet "$BASELINE_DLL" --urls "$STATIC_URL" --static "$STREAM_DIR/static" >"$LOGS/static.log" 2>&1 &
STATIC_PID=$!
PIDS+=("$STATIC_PID")
for _ in $(seq 1 3000); do
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$STATIC_URL/song.wav" || true)" = 200 ] && break
  kill -0 "$STATIC_PID" 2>/dev/null || die "the static-file server exited (log: $LOGS/static.log)"
  sleep 0.01
done

first=${#ROWS[@]}
run_wrk "static file, whole" "$STATIC_URL/song.wav"
static_whole=$(cut -d'|' -f3 <<<"${ROWS[-1]}")
run_wrk "API stream, whole" "$API_URL$STREAM_PATH" "" "GET /api/v1/songs/{id}/stream?expires&sig"
api_whole=$(cut -d'|' -f3 <<<"${ROWS[-1]}")
section "Streaming: a 10 MB file, whole" \
  "The same 10 MB file to $CONNECTIONS concurrent clients: Kestrel's static-file middleware (bench/Baseline --static)" \
  "and the API's stream endpoint through a signed URL (FileSystem store). Target: at least 0.8 of the static server."
table_since "$first" "$static_whole" "static file"

first=${#ROWS[@]}
BENCH_STREAM_PATH=/song.wav BENCH_STREAM_SIZE=$STREAM_SIZE run_wrk "static file, 64 KiB ranges" "$STATIC_URL" streaming-ranges.lua \
  "GET /song.wav, Range: 64 KiB at random offsets"
static_ranges=$(cut -d'|' -f3 <<<"${ROWS[-1]}")
BENCH_STREAM_PATH="$STREAM_PATH" BENCH_STREAM_SIZE=$STREAM_SIZE run_wrk "API stream, 64 KiB ranges" "$API_URL" streaming-ranges.lua \
  "GET /api/v1/songs/{id}/stream?…, Range: 64 KiB at random offsets"
api_ranges=$(cut -d'|' -f3 <<<"${ROWS[-1]}")
section "Streaming: 64 KiB ranged reads" \
  "Each request a 64 KiB range at a random offset of the same file (206). Target: at least 0.5 of the static server."
table_since "$first" "$static_ranges" "static file"

# Memory: VmRSS of a server sampled every 0.2 s while 200 clients stream the whole file (after the runs above
# warmed it), for the static-file server and for the API. 200 clients of 10 MB each take seconds per response:
# the run lasts at least 15 s whatever --duration says.
# rss_under_load name pid url shown -> sets RSS_BEFORE RSS_MIN RSS_MAX RSS_AFTER (KiB) and appends a row
rss_of() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
rss_under_load() {
  local name="$1" pid="$2" url="$3" shown="$4" samples="$LOGS/streaming-rss-${2}.txt" sampler
  RSS_BEFORE=$(rss_of "$pid")
  : >"$samples"
  ( while kill -0 "$pid" 2>/dev/null; do rss_of "$pid" >>"$samples"; sleep 0.2; done ) &
  sampler=$!
  PIDS+=("$sampler")
  local saved_connections=$CONNECTIONS saved_duration=$DURATION
  CONNECTIONS=200
  [ "${DURATION%s}" -ge 15 ] 2>/dev/null || DURATION=15s
  run_wrk "$name" "$url" "" "$shown"
  CONNECTIONS=$saved_connections DURATION=$saved_duration
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  RSS_AFTER=$(rss_of "$pid")
  read -r RSS_MIN RSS_MAX < <(sort -n "$samples" | awk 'NR == 1 { min = $1 } { max = $1 } END { print min, max }')
}
mib() { echo $(($1 / 1024)); }

first=${#ROWS[@]}
rss_under_load "static file, 200 clients" "$STATIC_PID" "$STATIC_URL/song.wav" "GET /song.wav"
static_rss="static-file server: before $(mib "$RSS_BEFORE") MiB, during $(mib "$RSS_MIN") to $(mib "$RSS_MAX") MiB, after $(mib "$RSS_AFTER") MiB"
stop_pid "$STATIC_PID"
rss_under_load "API stream, 200 clients" "$STREAM_API_PID" "$API_URL$STREAM_PATH" "GET /api/v1/songs/{id}/stream?expires&sig"
rss_min=$RSS_MIN rss_max=$RSS_MAX rss_before=$RSS_BEFORE
section "Streaming: memory while 200 clients stream" \
  "Resident memory (VmRSS, every 0.2 s) while 200 clients stream the whole 10 MB file, after the runs above." \
  "API: before $(mib "$RSS_BEFORE") MiB, during $(mib "$RSS_MIN") to $(mib "$RSS_MAX") MiB (spread $(mib $((RSS_MAX - RSS_MIN))) MiB)," \
  "after $(mib "$RSS_AFTER") MiB; $static_rss. Target: the API flat within ±30 MB."
table_since "$first" "$static_whole" "static file, whole (32 clients)"
stop_pid "$STREAM_API_PID"
echo "streaming: whole $(ratio "$api_whole" "$static_whole") of static, ranges $(ratio "$api_ranges" "$static_ranges") of static," \
  "RSS $((rss_min / 1024))..$((rss_max / 1024)) MiB under 200 clients (before $((rss_before / 1024)) MiB)"
