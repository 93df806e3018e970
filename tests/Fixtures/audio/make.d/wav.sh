# WAV fixtures by ffmpeg: plain 16-bit PCM, 8-bit PCM with a LIST/INFO chunk (-metadata), 24-bit PCM in
# WAVE_FORMAT_EXTENSIBLE (ffmpeg's choice past 16 bits), and 32-bit float, which the service refuses
# (a name containing "refused" tells the tests to expect a 415).
wav() { ffmpeg -nostdin -loglevel error -y -f lavfi -i "sine=frequency=440:duration=$1:sample_rate=8000" -ac "$2" -c:a "$3" "${@:4}"; }
wav 1 1 pcm_s16le -bitexact "$out/wav-pcm16-mono.wav"
wav 1 2 pcm_u8 -metadata title="Wave Title" -metadata artist="Wave Artist" -metadata album="Wave Album" \
  -metadata date="2012" -metadata genre="Classical" -metadata track="6" "$out/wav-info.wav"
wav 0.5 1 pcm_s24le -bitexact "$out/wav-extensible-24bit.wav"
wav 0.25 1 pcm_f32le -bitexact "$out/wav-float-refused.wav"
# An "id3 " chunk (mutagen, ID3v2.4) after a LIST/INFO chunk (ffmpeg) with another title: the ID3 fields come first.
wav 1 1 pcm_s16le -metadata title="Info Title" -metadata artist="Chunk Artist" "$out/wav-id3-chunk.wav"
/usr/bin/python3 - "$out/wav-id3-chunk.wav" <<'PY'
import sys
from mutagen.wave import WAVE
from mutagen.id3 import TIT2, TPE1, TALB, TRCK, TDRC, TCON
f = WAVE(sys.argv[1])
f.add_tags()
for frame in (TIT2(encoding=3, text=["Chunk Title"]), TPE1(encoding=3, text=["Chunk Artist"]),
              TALB(encoding=3, text=["Chunk Album"]), TRCK(encoding=3, text=["2/5"]),
              TDRC(encoding=3, text=["2016-03-04"]), TCON(encoding=3, text=["Blues"])):
    f.tags.add(frame)
f.save()
PY
