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
stop_pid "$STATIC_PID"

# Memory: VmRSS of the API sampled while 200 clients stream the whole file (after the runs above warmed it).
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$STREAM_API_PID/status"; }
rss_before=$(rss)
samples="$LOGS/streaming-rss.txt"
: >"$samples"
( while kill -0 "$STREAM_API_PID" 2>/dev/null; do rss >>"$samples"; sleep 0.2; done ) &
sampler=$!
PIDS+=("$sampler")
# 200 clients of 10 MB each take seconds per response: the run lasts at least 15 s whatever --duration says.
saved_connections=$CONNECTIONS saved_duration=$DURATION
CONNECTIONS=200
[ "${DURATION%s}" -ge 15 ] 2>/dev/null || DURATION=15s
first=${#ROWS[@]}
run_wrk "API stream, 200 clients" "$API_URL$STREAM_PATH" "" "GET /api/v1/songs/{id}/stream?expires&sig"
CONNECTIONS=$saved_connections DURATION=$saved_duration
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
rss_after=$(rss)
read -r rss_min rss_max < <(sort -n "$samples" | awk 'NR == 1 { min = $1 } { max = $1 } END { print min, max }')
section "Streaming: memory while 200 clients stream" \
  "The API's resident memory (VmRSS, every 0.2 s) while 200 clients stream the whole 10 MB file, after the runs above." \
  "Before: $((rss_before / 1024)) MiB; during: $((rss_min / 1024)) to $((rss_max / 1024)) MiB (spread $(((rss_max - rss_min) / 1024)) MiB);" \
  "after: $((rss_after / 1024)) MiB. Target: flat within ±30 MB."
table_since "$first" "$api_whole" "API stream, whole ($CONNECTIONS clients)"
stop_pid "$STREAM_API_PID"
echo "streaming: whole $(ratio "$api_whole" "$static_whole") of static, ranges $(ratio "$api_ranges" "$static_ranges") of static," \
  "RSS $((rss_min / 1024))..$((rss_max / 1024)) MiB under 200 clients (before $((rss_before / 1024)) MiB)"
