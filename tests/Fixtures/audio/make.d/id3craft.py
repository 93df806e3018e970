"""Byte-level ID3v2 variants that no Debian tagger writes, made from a tag that mutagen wrote (or, for
ID3v2.2, from frames laid out as the 2.2 specification says). mutagen reads every result back and is the
reference for its expectations (expect.py), so nothing here decides what our parser must find.
  id3craft.py v22 FILE COVER.jpg      prepend an ID3v2.2 tag (TT2 TP1 TAL TP2 TRK TPA TYE TCO PIC)
  id3craft.py unsync23 FILE           unsynchronise the whole ID3v2.3 tag at the start of FILE
  id3craft.py ext24 FILE              give the ID3v2.4 tag at the start of FILE an extended header,
                                      per-frame unsynchronisation and a footer
"""
import struct
import sys


def synchsafe(n):
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def unsynchsafe(b):
    return (b[0] << 21) | (b[1] << 14) | (b[2] << 7) | b[3]


def unsync(data):
    out = bytearray()
    for i, byte in enumerate(data):
        out.append(byte)
        if byte == 0xFF and (i + 1 == len(data) or data[i + 1] >= 0xE0 or data[i + 1] == 0x00):
            out.append(0x00)
    return bytes(out)


def split_tag(raw):
    assert raw[:3] == b"ID3", "no ID3v2 tag at the start"
    size = unsynchsafe(raw[6:10])
    return raw[:10], raw[10:10 + size], raw[10 + size:]


def v22(path, cover):
    def frame(fid, body):
        return fid + struct.pack(">I", len(body))[1:] + body

    def text(fid, value, encoding=0):
        encoded = value.encode("latin-1") if encoding == 0 else b"\xff\xfe" + value.encode("utf-16-le")
        return frame(fid, bytes([encoding]) + encoded)

    with open(cover, "rb") as f:
        picture = f.read()
    frames = b"".join([
        text(b"TT2", "Two Two Title"),
        text(b"TP1", "Vieux Caf\u00e9", 1),
        text(b"TAL", "Old Album"),
        text(b"TP2", "Old Band"),
        text(b"TRK", "4/9"),
        text(b"TPA", "2/2"),
        text(b"TYE", "1999"),
        text(b"TCO", "(17)"),
        frame(b"PIC", b"\x00JPG\x03cover\x00" + picture),
    ]) + b"\x00" * 64  # padding
    with open(path, "rb") as f:
        audio = f.read()
    with open(path, "wb") as f:
        f.write(b"ID3\x02\x00\x00" + synchsafe(len(frames)) + frames + audio)


def unsync23(path):
    with open(path, "rb") as f:
        header, body, audio = split_tag(f.read())
    assert header[3] == 3
    body = unsync(body)
    with open(path, "wb") as f:
        f.write(header[:5] + bytes([header[5] | 0x80]) + synchsafe(len(body)) + body + audio)


def ext24(path):
    with open(path, "rb") as f:
        header, body, audio = split_tag(f.read())
    assert header[3] == 4
    frames, pos = [], 0
    while pos + 10 <= len(body) and body[pos] != 0:
        fid, size, flags = body[pos:pos + 4], unsynchsafe(body[pos + 4:pos + 8]), body[pos + 8:pos + 10]
        data = body[pos + 10:pos + 10 + size]
        pos += 10 + size
        unsynced = unsync(data)
        if unsynced != data:  # per-frame unsynchronisation, flag 0x02 of the format byte
            frames.append(fid + synchsafe(len(unsynced)) + bytes([flags[0], flags[1] | 0x02]) + unsynced)
        else:
            frames.append(fid + synchsafe(size) + flags + data)
    extended = synchsafe(6) + b"\x01\x00"  # size 6, one flag byte, no flags set
    new_body = extended + b"".join(frames)  # a tag with a footer has no padding
    flags = header[5] | 0x40 | 0x10  # extended header, footer
    tag_header = b"ID3\x04\x00" + bytes([flags]) + synchsafe(len(new_body))
    with open(path, "wb") as f:
        f.write(tag_header + new_body + b"3DI" + tag_header[3:] + audio)


if __name__ == "__main__":
    {"v22": lambda: v22(sys.argv[2], sys.argv[3]), "unsync23": lambda: unsync23(sys.argv[2]),
     "ext24": lambda: ext24(sys.argv[2])}[sys.argv[1]]()
