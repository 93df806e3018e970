# Ogg fixtures: oggenc and vorbiscomment for Vorbis, opusenc for Opus, ffmpeg for the Ogg streams the
# inspector refuses. Sourced by make.sh ($out, $work, sine).

# Vorbis, stereo 44.1 kHz, every tag oggenc writes, then the others with vorbiscomment (oggenc's
# repeated -a names the artist of each successive input file, so the second ARTIST comes from vorbiscomment).
sine "$work/ogg-tagged.wav" 440 2 44100 2
oggenc --quiet -t "Sine in A — ünïcode" -a "First Artist" -l "Test Tones" -N 3 -G Ambient \
  -d 2021-05-04 -o "$out/ogg-vorbis-tagged.ogg" "$work/ogg-tagged.wav"
vorbiscomment -a -t "ARTIST=Second Artist" -t "ALBUMARTIST=Various Artists" -t "TRACKTOTAL=12" -t "DISCNUMBER=2" "$out/ogg-vorbis-tagged.ogg"

# Vorbis, mono 22.05 kHz, "3/12" and "ALBUM ARTIST" (with its space) written by vorbiscomment.
sine "$work/ogg-mono.wav" 880 1 22050 1
oggenc --quiet -t Mono -a Solo -o "$out/ogg-vorbis-mono-22050.ogg" "$work/ogg-mono.wav"
vorbiscomment -a -t "TRACKNUMBER=3/12" -t "ALBUM ARTIST=Band" "$out/ogg-vorbis-mono-22050.ogg"

# Vorbis with a large METADATA_BLOCK_PICTURE (a noise JPEG), so the comment header spans several pages.
ffmpeg -nostdin -loglevel error -y -f lavfi -i "nullsrc=s=160x160,geq=random(1)*255:128:128" -frames:v 1 -q:v 1 "$work/noise.jpg"
oggenc --quiet -t "Big Cover" -a Solo -o "$out/ogg-vorbis-big-comment.ogg" "$work/ogg-mono.wav"
/usr/bin/python3 - "$out/ogg-vorbis-big-comment.ogg" "$work/noise.jpg" <<'PY'
import base64, sys
from mutagen.flac import Picture
from mutagen.oggvorbis import OggVorbis
picture = Picture()
picture.type, picture.mime, picture.width, picture.height, picture.depth = 3, "image/jpeg", 160, 160, 24
picture.data = open(sys.argv[2], "rb").read()
file = OggVorbis(sys.argv[1])
file["METADATA_BLOCK_PICTURE"] = [base64.b64encode(picture.write()).decode("ascii")]
file.save()
PY

# Opus from 44.1 kHz stereo (input rate 44100, decoded at 48 kHz), tags and a front cover from opusenc.
opusenc --quiet --title "Sine in A — ünïcode" --artist "First Artist" --artist "Second Artist" --album "Test Tones" \
  --date 2021-05-04 --genre Ambient --comment TRACKNUMBER=3 --comment TRACKTOTAL=12 --comment DISCNUMBER=2 \
  --comment "ALBUMARTIST=Various Artists" --picture "3||front||$work/cover.jpg" \
  "$work/ogg-tagged.wav" "$out/opus-tagged.opus"

# Opus, mono from 22.05 kHz, no picture.
opusenc --quiet --title Mono --artist Solo "$work/ogg-mono.wav" "$out/opus-mono-22050.opus"

# Ogg streams that are not Vorbis or Opus (the inspector refuses them): no expectations, in unsupported/.
mkdir -p "$out/unsupported"
ffmpeg -nostdin -loglevel error -y -i "$work/ogg-mono.wav" -c:a flac -f ogg "$out/unsupported/ogg-flac.oga"
ffmpeg -nostdin -loglevel error -y -i "$work/ogg-mono.wav" -c:a libspeex -f ogg "$out/unsupported/ogg-speex.spx"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "color=c=green:s=16x16:d=1" -c:v libtheora -f ogg "$out/unsupported/ogg-theora.ogv"
