# MP3 fixtures: lame for the audio (CBR with an Info header, CBR without one, VBR with a Xing header,
# VBR without one, MPEG-2 and MPEG-2.5 rates, mono and joint stereo), eyeD3 and mutagen for the tags,
# id3craft.py for the ID3v2 layouts no tagger here writes (2.2, unsynchronisation, extended header, footer).
mp3_dir="$(dirname "${BASH_SOURCE[0]}")"
sine "$work/mono.wav" 440 2 44100 1
sine "$work/stereo.wav" 330 1 44100 2
mp3() { lame --quiet --noreplaygain "$@"; }

# CBR 48 kb/s with lame's Info header, ID3v2.3 by eyeD3 (latin-1), track 3/12, genre by name.
mp3 -b 48 "$work/mono.wav" "$out/mp3-cbr-info-v23.mp3"
eyeD3 --quiet --to-v2.3 --encoding latin1 -t "Sine Song" -a "Test Artist" -A "Test Album" -b "Album Artist" \
  -n 3 -N 12 -d 1 -G Rock "$out/mp3-cbr-info-v23.mp3" >/dev/null
eyeD3 --quiet --recording-date 2019 "$out/mp3-cbr-info-v23.mp3" >/dev/null  # TYER (given with --to-v2.3 it is lost)

# CBR without any VBR header (a frame scan, or size and bitrate when long), 96 kb/s, ID3v1.1 only. ffprobe
# counts the 128 bytes of ID3v1 as audio in its estimate: long enough for that to stay under 1 %.
mp3 -t -b 96 "$work/mono.wav" "$out/mp3-cbr-noheader-v1.mp3"
eyeD3 --quiet -1 -t "Version One" -a "V1 Artist" -A "V1 Album" -n 7 -Y 2001 -G Jazz "$out/mp3-cbr-noheader-v1.mp3" >/dev/null

# VBR with a Xing header; ID3v2.4 in UTF-8 with two artists, disc 1/2, a date, a numeric genre "17"
# and two pictures, the front cover second.
mp3 -V 7 "$work/mono.wav" "$out/mp3-vbr-xing-v24-utf8.mp3"
/usr/bin/python3 - "$out/mp3-vbr-xing-v24-utf8.mp3" "$work/cover.jpg" "$work/cover.png" <<'PY'
import sys
from mutagen.id3 import ID3, TIT2, TPE1, TALB, TPE2, TRCK, TPOS, TDRC, TCON, APIC
path, jpg, png = sys.argv[1:4]
tag = ID3()
tag.add(TIT2(encoding=3, text=["Ünïcødé 歌"]))
tag.add(TPE1(encoding=3, text=["Ärtist One", "Artist Two"]))
tag.add(TALB(encoding=3, text=["Album ∞"]))
tag.add(TPE2(encoding=3, text=["Various"]))
tag.add(TRCK(encoding=3, text=["5"]))
tag.add(TPOS(encoding=3, text=["1/2"]))
tag.add(TDRC(encoding=3, text=["2021-05-06"]))
tag.add(TCON(encoding=3, text=["17"]))
tag.add(APIC(encoding=3, mime="image/png", type=0, desc="other", data=open(png, "rb").read()))
tag.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="front", data=open(jpg, "rb").read()))
tag.save(path, v2_version=4)
PY

# VBR without a Xing header: the duration needs a frame scan. ID3v2.4 in UTF-16BE, genre "(17)Rock" style.
mp3 -t -V 7 "$work/mono.wav" "$out/mp3-vbr-noheader-v24-utf16be.mp3"
/usr/bin/python3 - "$out/mp3-vbr-noheader-v24-utf16be.mp3" <<'PY'
import sys
from mutagen.id3 import ID3, TIT2, TPE1, TALB, TRCK, TDRC, TCON
tag = ID3()
tag.add(TIT2(encoding=2, text=["Big Endian Title"]))
tag.add(TPE1(encoding=2, text=["Bé Artist"]))
tag.add(TALB(encoding=2, text=["BE Album"]))
tag.add(TRCK(encoding=2, text=["2/10"]))
tag.add(TDRC(encoding=2, text=["2005"]))
tag.add(TCON(encoding=2, text=["(8)Jazz"]))
tag.save(sys.argv[1], v2_version=4)
PY

# ID3v2.3 in UTF-16 with BOM, with a JPEG cover, the whole tag unsynchronised (FF FE and FF D8 bytes).
mp3 -b 32 --resample 22.05 "$work/mono.wav" "$out/mp3-mpeg2-v23-utf16-unsync.mp3"
/usr/bin/python3 - "$out/mp3-mpeg2-v23-utf16-unsync.mp3" "$work/cover.jpg" <<'PY'
import sys
from mutagen.id3 import ID3, TIT2, TPE1, TALB, TRCK, TYER, TCON, APIC
tag = ID3()
tag.add(TIT2(encoding=1, text=["Sixteen Title ÿ"]))
tag.add(TPE1(encoding=1, text=["Sixteen Artist"]))
tag.add(TALB(encoding=1, text=["Sixteen Album"]))
tag.add(TRCK(encoding=1, text=["1/1"]))
tag.add(TYER(encoding=1, text=["1987"]))
tag.add(TCON(encoding=1, text=["(13)"]))
tag.add(APIC(encoding=1, mime="image/jpeg", type=3, desc="cover", data=open(sys.argv[2], "rb").read()))
tag.update_to_v23()
tag.save(sys.argv[1], v2_version=3)
PY
/usr/bin/python3 "$mp3_dir/id3craft.py" unsync23 "$out/mp3-mpeg2-v23-utf16-unsync.mp3"

# ID3v2.4 with an extended header, per-frame unsynchronisation (the cover) and a footer; MPEG-2.5 (8 kHz).
mp3 -b 16 --resample 8 "$work/mono.wav" "$out/mp3-mpeg25-v24-ext-footer.mp3"
/usr/bin/python3 - "$out/mp3-mpeg25-v24-ext-footer.mp3" "$work/cover.jpg" <<'PY'
import sys
from mutagen.id3 import ID3, TIT2, TPE1, TCON, APIC
tag = ID3()
tag.add(TIT2(encoding=3, text=["Extended"]))
tag.add(TPE1(encoding=3, text=["Footer Artist"]))
tag.add(TCON(encoding=3, text=["Ambient"]))
tag.add(APIC(encoding=0, mime="image/jpeg", type=3, desc="", data=open(sys.argv[2], "rb").read()))
tag.save(sys.argv[1], v2_version=4, padding=lambda info: 0)
PY
/usr/bin/python3 "$mp3_dir/id3craft.py" ext24 "$out/mp3-mpeg25-v24-ext-footer.mp3"

# ID3v2.2 (three-letter frames, PIC with a JPEG), CBR 32 kb/s with an Info header.
mp3 -b 32 "$work/mono.wav" "$out/mp3-v22.mp3"
/usr/bin/python3 "$mp3_dir/id3craft.py" v22 "$out/mp3-v22.mp3" "$work/cover.jpg"

# An ID3v2.3 tag with only a title, and an ID3v1.1 tag that fills the other fields (80 kb/s: ffprobe counts
# ID3v1 as audio in its estimate, which must stay under 1 %).
mp3 -b 80 "$work/mono.wav" "$out/mp3-v23-and-v1.mp3"
/usr/bin/python3 - "$out/mp3-v23-and-v1.mp3" <<'PY'
import sys
from mutagen.id3 import ID3, TIT2
tag = ID3()
tag.add(TIT2(encoding=0, text=["V2 Title"]))
tag.save(sys.argv[1], v2_version=3, v1=0)
PY
eyeD3 --quiet -1 -t "V1 Title Ignored" -a "Filled Artist" -A "Filled Album" -n 9 -Y 1995 -G 31 "$out/mp3-v23-and-v1.mp3" >/dev/null

# No tags at all: stream properties only.
mp3 -b 32 "$work/stereo.wav" "$out/mp3-untagged.mp3"
