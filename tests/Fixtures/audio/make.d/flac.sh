# FLAC fixtures: flac encodes, metaflac writes the Vorbis comments and the PICTURE blocks.
# Sourced by make.sh ($out, $work, sine).

# Stereo 44.1 kHz, every tag, two artists, a front cover (type 3) after a back cover (type 4).
sine "$work/flac-tagged.wav" 440 2 44100 2
flac --silent --force -o "$out/flac-tagged.flac" "$work/flac-tagged.wav"
metaflac --remove-all-tags \
  --set-tag="TITLE=Sine in A — ünïcode" --set-tag="ARTIST=First Artist" --set-tag="ARTIST=Second Artist" \
  --set-tag="ALBUM=Test Tones" --set-tag="ALBUMARTIST=Various Artists" --set-tag="TRACKNUMBER=3" \
  --set-tag="TRACKTOTAL=12" --set-tag="DISCNUMBER=2" --set-tag="DATE=2021-05-04" --set-tag="GENRE=Ambient" \
  --import-picture-from="4||back||$work/cover.png" --import-picture-from="3||front||$work/cover.jpg" \
  "$out/flac-tagged.flac"

# Mono 22.05 kHz, "3/12" in TRACKNUMBER, lower-case keys, a PNG front cover, a year alone.
sine "$work/flac-mono.wav" 880 1 22050 1
flac --silent --force -o "$out/flac-mono-22050.flac" "$work/flac-mono.wav"
metaflac --remove-all-tags --set-tag="title=Mono" --set-tag="artist=Solo" --set-tag="tracknumber=3/12" \
  --set-tag="date=1999" --import-picture-from="3||||$work/cover.png" "$out/flac-mono-22050.flac"

# No tags at all, padding only (flac writes a PADDING block by default).
flac --silent --force -o "$out/flac-untagged.flac" "$work/flac-mono.wav"

# A FLAC with a small ID3v2 tag in front of "fLaC" (some taggers write one); mutagen prepends it.
flac --silent --force -o "$out/flac-id3-prefixed.flac" "$work/flac-mono.wav"
metaflac --set-tag="TITLE=Behind ID3" "$out/flac-id3-prefixed.flac"
/usr/bin/python3 - "$out/flac-id3-prefixed.flac" <<'PY'
import sys
from mutagen.id3 import ID3, TIT2
tag = ID3()
tag.add(TIT2(encoding=3, text="id3"))
tag.save(sys.argv[1], v2_version=4, padding=lambda info: 0)
PY
