# MP4 fixtures: ffmpeg encodes AAC and ALAC into M4A, AtomicParsley writes the ilst tags.
# Sourced by make.sh ($out, $work, sine).

# AAC, stereo 44.1 kHz, moov before mdat ("faststart"), every tag, a standard genre (AtomicParsley
# writes it as a numeric gnre), a JPEG cover.
sine "$work/m4a.wav" 440 2 44100 2
ffmpeg -nostdin -loglevel error -y -i "$work/m4a.wav" -c:a aac -b:a 64k -movflags +faststart "$work/m4a-faststart.m4a"
AtomicParsley "$work/m4a-faststart.m4a" --title "Sine in A — ünïcode" --artist "First Artist" --album "Test Tones" \
  --albumArtist "Various Artists" --tracknum 3/12 --disk 2/2 --year 2021-05-04 --genre Rock \
  --artwork "$work/cover.jpg" -o "$out/m4a-aac-faststart.m4a" >/dev/null

# AAC with moov after mdat (ffmpeg's default), tags written by ffmpeg (a free-text genre: ©gen).
ffmpeg -nostdin -loglevel error -y -i "$work/m4a.wav" -c:a aac -b:a 64k \
  -metadata title="Moov At End" -metadata artist="Solo" -metadata album="Tail" -metadata genre="Chiptune Jazz" \
  -metadata date=2020 -metadata track=7/9 "$out/m4a-aac-moov-at-end.m4a"

# ALAC, mono 22.05 kHz, a PNG cover.
sine "$work/m4a-mono.wav" 880 1 22050 1
ffmpeg -nostdin -loglevel error -y -i "$work/m4a-mono.wav" -c:a alac "$work/m4a-alac.m4a"
AtomicParsley "$work/m4a-alac.m4a" --title "Lossless Mono" --artist "Solo" --genre "Field Recording" \
  --artwork "$work/cover.png" -o "$out/m4a-alac-mono-22050.m4a" >/dev/null

# AAC, no tags at all.
ffmpeg -nostdin -loglevel error -y -i "$work/m4a-mono.wav" -c:a aac -b:a 32k -map_metadata -1 -fflags +bitexact \
  -movflags +faststart "$out/m4a-aac-untagged.m4a"

# An MP4 with a video track and no audio track (refused): no expectations, in unsupported/.
mkdir -p "$out/unsupported"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "color=c=green:s=16x16:d=1" -c:v mpeg4 -movflags +faststart "$out/unsupported/mp4-video-only.mp4"
