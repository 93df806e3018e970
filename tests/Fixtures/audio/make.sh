#!/usr/bin/env bash
# Makes the audio fixtures of the inspector tests with real encoders and taggers (never with our own
# writer), and beside each one its expected values as the reference tools report them:
# `<name>.expected.json` from expect.py (mutagen for tags, ffprobe for durations and stream properties).
# Each format's fixtures are made by a part in make.d/. The outputs are committed (a few KiB each), so
# `dotnet test` needs none of these tools. Run it again after changing a part, and commit what changes.
#   bash tests/Fixtures/audio/make.sh [out-dir]    (default: this folder's files/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/files}"
mkdir -p "$out"

need=(ffmpeg ffprobe lame flac oggenc opusenc eyeD3 AtomicParsley)
missing=()
for tool in "${need[@]}"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
/usr/bin/python3 -c 'import mutagen' 2>/dev/null || missing+=(mutagen)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing audio tools (missing: ${missing[*]})" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    ffmpeg lame flac vorbis-tools opus-tools eyed3 atomicparsley python3-mutagen) >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A few seconds of sine, the source of every fixture.
sine() { ffmpeg -nostdin -loglevel error -y -f lavfi -i "sine=frequency=${2:-440}:duration=${3:-2}:sample_rate=${4:-44100}" -ac "${5:-2}" "$1"; }
# A tiny front cover.
ffmpeg -nostdin -loglevel error -y -f lavfi -i "color=c=red:s=16x16" -frames:v 1 "$work/cover.jpg"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "color=c=blue:s=16x16" -frames:v 1 "$work/cover.png"

export out work
export -f sine
for part in "$here"/make.d/*.sh; do
  # shellcheck source=/dev/null
  source "$part"
done

# Expectations from the reference tools (Debian's own python3 carries python3-mutagen).
for file in "$out"/*; do
  [ -f "$file" ] || continue # unsupported/: files the inspector refuses, without expectations
  case "$file" in *.expected.json) continue ;; esac
  /usr/bin/python3 "$here/expect.py" "$file" >"$file.expected.json"
done
echo "fixtures in $out"
