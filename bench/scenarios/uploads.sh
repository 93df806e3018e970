# Uploads and inspection (sourced by bench/run.sh; see its "feature scenarios" block).
# 1. Inspection reads only a file's head and tail: the app's own store and inspector (bench/Inspect) over a
#    file of about 100 MB of each format, bytes read counted.
# 2. A direct upload of a 50 MB file (POST /api/v1/uploads, multipart): the API's resident memory while it
#    is processed, and its throughput against a disk-to-disk copy of the same file (dd with fsync, since
#    the store syncs what it writes).

ensure_tool ffmpeg
INSPECT_DLL="$BENCH/Inspect/bin/Release/net10.0/MusicPlayer.Bench.Inspect.dll"
[ -f "$INSPECT_DLL" ] || die "$INSPECT_DLL is missing (build first)"
AUDIO="$DATA/audio" # made once by ffmpeg, reused by later runs
mkdir -p "$AUDIO"

# audio_file name ffmpeg-arguments... -> makes $AUDIO/name once
audio_file() {
  local name="$1"
  shift
  [ -f "$AUDIO/$name" ] && return
  echo "making $name with ffmpeg"
  ffmpeg -hide_banner -loglevel error -y "$@" "$AUDIO/tmp-$name" || die "ffmpeg could not make $name"
  mv "$AUDIO/tmp-$name" "$AUDIO/$name"
}
NOISE=(-f lavfi -i "anoisesrc=color=pink:amplitude=0.3:sample_rate=44100:seed=7" -ac 2)
SINE=(-f lavfi -i "sine=frequency=440:sample_rate=44100" -ac 2)
# Durations chosen for about 100 MB at each bitrate.
audio_file cbr-with-info.mp3 "${SINE[@]}" -t 2500 -c:a libmp3lame -b:a 320k
[ -f "$AUDIO/cbr-no-header.mp3" ] || {
  ffmpeg -hide_banner -loglevel error -y -i "$AUDIO/cbr-with-info.mp3" -c copy -write_xing 0 "$AUDIO/tmp-cbr.mp3" \
    && mv "$AUDIO/tmp-cbr.mp3" "$AUDIO/cbr-no-header.mp3"
}
audio_file vbr-no-header.mp3 "${NOISE[@]}" -t 5200 -c:a libmp3lame -q:a 0 -write_xing 0
audio_file noise.flac "${NOISE[@]}" -t 910 -c:a flac
audio_file noise.ogg "${NOISE[@]}" -t 2190 -c:a libvorbis -q:a 10
audio_file noise.opus "${NOISE[@]}" -t 1800 -c:a libopus -b:a 510k
audio_file noise.m4a "${NOISE[@]}" -t 3580 -c:a aac -b:a 480k
audio_file noise.wav "${NOISE[@]}" -t 567 -c:a pcm_s16le

say "inspection: bytes read of about 100 MB files"
INSPECTED="$LOGS/inspect.tsv"
dotnet "$INSPECT_DLL" "$AUDIO"/{cbr-with-info.mp3,cbr-no-header.mp3,vbr-no-header.mp3,noise.flac,noise.ogg,noise.opus,noise.m4a,noise.wav} \
  >"$INSPECTED" || die "inspection failed (bench/Inspect)"
column -t -s $'\t' "$INSPECTED" 2>/dev/null || cat "$INSPECTED"
section "Inspection: bytes read" \
  "The app's store and inspector (\`bench/Inspect\`) over files of about 100 MB made by ffmpeg; target: a few hundred KiB" \
  "read whatever the size. An MP3 without a Xing/Info/VBRI header is scanned for frames: a constant bitrate shows" \
  "within its first frames, a variable one is scanned up to 8 MiB and extrapolated."
REPORT_EXTRA+=("| file | size | format | duration s | read | reads | ms |" "|---|--:|---|--:|--:|--:|--:|")
while IFS=$'\t' read -r file size format seconds read reads ms; do
  REPORT_EXTRA+=("| $file | $(fmt_int "$size") | $format | $seconds | $(fmt_int "$read") ($(awk -v r="$read" 'BEGIN { printf "%.0f KiB", r / 1024 }')) | $reads | $ms |")
done < <(tail -n +2 "$INSPECTED")

say "direct upload of 50 MB files"
# Three different files (noise of three seeds), since the same bytes twice would be a duplicate.
UPLOAD_RUNS=3
for i in $(seq 1 "$UPLOAD_RUNS"); do
  audio_file "upload-$i.flac" -f lavfi -i "anoisesrc=color=white:amplitude=0.5:sample_rate=44100:seed=$i" -ac 2 -t 395 -c:a flac
done
audio_file warm-up.flac -f lavfi -i "anoisesrc=color=white:amplitude=0.5:sample_rate=44100:seed=99" -ac 2 -t 20 -c:a flac

UPLOAD_DB=$(fresh_copy "$CACHED_DB" uploads)
rm -rf "$RUN/media"
start_api "$UPLOAD_DB" "Storage__Root=$RUN/media"
ADMIN_TOKEN=$(login admin@example.com)

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$API_PID/status"; }
# upload file -> "status seconds bytes/s"
upload() {
  curl -s -o "$LOGS/upload-response.json" -m 300 -w '%{http_code} %{time_total} %{speed_upload}\n' \
    -H "Authorization: Bearer $ADMIN_TOKEN" -F "file=@$1" "$API_URL/api/v1/uploads"
}
read -r status _ _ < <(upload "$AUDIO/warm-up.flac")
[ "$status" = 201 ] || die "the warm-up upload answered $status: $(cat "$LOGS/upload-response.json")"

UPLOAD_ROWS=()
for i in $(seq 1 "$UPLOAD_RUNS"); do
  file="$AUDIO/upload-$i.flac"
  size=$(stat -c %s "$file")
  before=$(rss_kb)
  peak_file="$RUN/rss-peak"
  echo "$before" >"$peak_file"
  # Samples the API's resident memory every 10 ms while the upload runs.
  (peak=$before; while :; do
    now=$(rss_kb) || break
    if [ "$now" -gt "$peak" ]; then peak=$now; echo "$peak" >"$peak_file.tmp" && mv "$peak_file.tmp" "$peak_file"; fi
    sleep 0.01
  done) &
  sampler=$!
  read -r status seconds speed < <(upload "$file")
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  [ "$status" = 201 ] || die "upload $i answered $status: $(cat "$LOGS/upload-response.json")"
  peak=$(cat "$peak_file")
  copy_started=$(date +%s%N)
  dd if="$file" of="$RUN/disk-copy" bs=1M conv=fsync status=none
  copy_seconds=$(awk -v ns=$(( $(date +%s%N) - copy_started )) 'BEGIN { printf "%.3f", ns / 1e9 }')
  rm -f "$RUN/disk-copy"
  UPLOAD_ROWS+=("$size|$seconds|$speed|$before|$peak|$copy_seconds")
  printf '  upload %d: %s MB in %s s, RSS %s -> peak %s MiB; dd copy %s s\n' "$i" "$(( size / 1000000 ))" "$seconds" \
    "$(( before / 1024 ))" "$(( peak / 1024 ))" "$copy_seconds"
done
stop_pid "$API_PID"

section "Direct upload of 50 MB" \
  "\`POST /api/v1/uploads\` (multipart, one FLAC file of white noise each, $UPLOAD_RUNS different files after a warm-up upload)," \
  "timed by curl on loopback; memory = the API's resident set sampled every 10 ms while the upload ran; the disk copy is" \
  "\`dd bs=1M conv=fsync\` of the same file on the same disk. Targets: memory growth < 20 MB, throughput ≥ 0.5 of the copy."
REPORT_EXTRA+=("| upload | MB | upload s | MB/s | RSS before MiB | RSS peak MiB | growth MiB | disk copy s | ratio to copy |" "|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
i=0
for row in "${UPLOAD_ROWS[@]}"; do
  i=$((i + 1))
  IFS='|' read -r size seconds speed before peak copy_seconds <<<"$row"
  REPORT_EXTRA+=("$(awk -v i="$i" -v size="$size" -v s="$seconds" -v speed="$speed" -v b="$before" -v p="$peak" -v c="$copy_seconds" 'BEGIN {
    printf "| %d | %.1f | %.2f | %.0f | %.0f | %.0f | %.1f | %.2f | %.2f |", i, size / 1e6, s, speed / 1e6, b / 1024, p / 1024, (p - b) / 1024, c, c / s }')")
done
