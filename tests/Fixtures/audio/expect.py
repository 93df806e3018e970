"""Prints, as JSON, what the reference tools say about an audio file: ffprobe for the format's
stream properties and duration, mutagen for tags and the embedded front cover. The inspector tests
compare our parser with this, never with values copied from our own output."""
import base64
import json
import subprocess
import sys

import mutagen
from mutagen.id3 import ID3
from mutagen.flac import FLAC, Picture
from mutagen.mp4 import MP4

path = sys.argv[1]
probe = json.loads(subprocess.run(
    ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
    check=True, capture_output=True, text=True).stdout)
audio = next(s for s in probe["streams"] if s["codec_type"] == "audio")


def first(values):
    if values is None:
        return None
    if isinstance(values, (list, tuple)):
        return str(values[0]) if values else None
    return str(values)


tags = {"title": None, "artists": [], "album": None, "albumArtist": None, "trackNumber": None, "trackTotal": None,
        "discNumber": None, "date": None, "genre": None, "cover": None}
file = mutagen.File(path)


def split_number(value):
    if value is None:
        return None, None
    text = str(value)
    number, _, total = text.partition("/")
    return (int(number) if number.strip().isdigit() else None), (int(total) if total.strip().isdigit() else None)


if isinstance(file, MP4):
    t = file.tags or {}
    tags["title"] = first(t.get("\xa9nam"))
    tags["artists"] = [str(a) for a in t.get("\xa9ART", [])]
    tags["album"] = first(t.get("\xa9alb"))
    tags["albumArtist"] = first(t.get("aART"))
    if t.get("trkn"):
        tags["trackNumber"], tags["trackTotal"] = (t["trkn"][0][0] or None), (t["trkn"][0][1] or None)
    if t.get("disk"):
        tags["discNumber"] = t["disk"][0][0] or None
    tags["date"] = first(t.get("\xa9day"))
    tags["genre"] = first(t.get("\xa9gen"))
    if t.get("covr"):
        cover = t["covr"][0]
        tags["cover"] = {"mimeType": "image/png" if cover.imageformat == cover.FORMAT_PNG else "image/jpeg", "size": len(bytes(cover))}
elif file is not None and file.tags is not None and isinstance(file.tags, ID3):
    t = file.tags
    def text(frame):
        return [str(x) for x in t[frame].text] if frame in t else []
    tags["title"] = first(text("TIT2"))
    tags["artists"] = text("TPE1")
    tags["album"] = first(text("TALB"))
    tags["albumArtist"] = first(text("TPE2"))
    tags["trackNumber"], tags["trackTotal"] = split_number(first(text("TRCK")))
    tags["discNumber"], _ = split_number(first(text("TPOS")))
    date = first(text("TDRC")) or first(text("TYER"))
    tags["date"] = date
    genres = t["TCON"].genres if "TCON" in t else []
    tags["genre"] = genres[0] if genres else None
    pictures = [p for p in t.getall("APIC") if p.type == 3] or t.getall("APIC")
    if pictures:
        tags["cover"] = {"mimeType": pictures[0].mime, "size": len(pictures[0].data)}
elif file is not None and file.tags is not None and hasattr(file.tags, "keys"):
    # Vorbis comments (FLAC, Ogg Vorbis, Opus) and RIFF INFO via their dict-like views.
    t = file.tags
    def values(key):
        try:
            return [str(v) for v in t[key]]
        except KeyError:
            return []
    tags["title"] = first(values("title"))
    tags["artists"] = values("artist")
    tags["album"] = first(values("album"))
    tags["albumArtist"] = first(values("albumartist") or values("album artist"))
    tags["trackNumber"], tags["trackTotal"] = split_number(first(values("tracknumber")))
    if tags["trackTotal"] is None and values("tracktotal"):
        tags["trackTotal"] = int(values("tracktotal")[0])
    tags["discNumber"], _ = split_number(first(values("discnumber")))
    tags["date"] = first(values("date"))
    tags["genre"] = first(values("genre"))
    pictures = file.pictures if isinstance(file, FLAC) else \
        [Picture(base64.b64decode(v)) for v in values("metadata_block_picture")]
    if pictures:
        picture = next((p for p in pictures if p.type == 3), pictures[0])
        tags["cover"] = {"mimeType": picture.mime, "size": len(picture.data)}

# WAV: mutagen does not read RIFF LIST/INFO, so its tags are taken as ffprobe reports them (format tags).
if probe["format"]["format_name"] == "wav" and not (file is not None and isinstance(file.tags, ID3)):
    info = {k.lower(): v for k, v in probe["format"].get("tags", {}).items()}
    tags["title"] = info.get("title")
    tags["artists"] = [info["artist"]] if info.get("artist") else []
    tags["album"] = info.get("album")
    tags["trackNumber"], tags["trackTotal"] = split_number(info.get("track"))
    tags["date"] = info.get("date")
    tags["genre"] = info.get("genre")

print(json.dumps({
    "formatName": probe["format"]["format_name"],
    "codec": audio["codec_name"],
    "durationSeconds": float(probe["format"].get("duration") or audio.get("duration")),
    "sampleRate": int(audio["sample_rate"]),
    "channels": int(audio["channels"]),
    "bitRate": int(probe["format"]["bit_rate"]) if probe["format"].get("bit_rate") else None,
    "size": int(probe["format"]["size"]),
    "tags": tags,
}, indent=2, ensure_ascii=False))
