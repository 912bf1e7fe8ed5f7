#!/usr/bin/env python3
"""Regenerates the golden files in this directory (Python 3 standard library and GNU tar only).

Run from this directory:  python3 make_golden.py
Outputs are byte-for-byte reproducible (fixed gzip mtime, fixed tar owner/mtime/order).
"""
import gzip
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

# --- tiny IDX: 3 images of 2 rows x 3 cols, pixel i of image n = 16*n + 40*i (mod 256); labels 7, 0, 9 ---------
images = bytes((16 * n + 40 * i) % 256 for n in range(3) for i in range(6))
with open("tiny-images-idx3-ubyte", "wb") as f:                      # raw
    f.write(struct.pack(">iiii", 0x803, 3, 2, 3) + images)
with open("tiny-labels-idx1-ubyte.gz", "wb") as raw:                   # gzip, mtime 0
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(struct.pack(">ii", 0x801, 3) + bytes([7, 0, 9]))


# --- PNG writer: colour type 0 (gray), 2 (RGB) or 3 (palette), 8-bit --------------------------------------------
def png(width, height, color_type, rows, palette=None):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0))
    if palette:
        out += chunk(b"PLTE", bytes(c for rgb in palette for c in rgb))
    return out + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def gray(seed):  # pixel (r, c) = (seed + 3r + 5c) mod 256
    return png(28, 28, 0, [[(seed + 3 * r + 5 * c) % 256 for c in range(28)] for r in range(28)])


rgb = png(28, 28, 2, [[v for c in range(28) for v in (200, 100, 50)] for r in range(28)])   # luma 124
checker = png(28, 28, 3, [[(r + c) % 2 for c in range(28)] for r in range(28)], [(0, 0, 0), (255, 255, 255)])


def tar(name, files, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        for path, data in files.items():
            full = os.path.join(tmp, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
        pax = ["--pax-option=delete=atime,delete=ctime"] if fmt == "pax" else []
        subprocess.run(["tar", "--format=" + fmt, "-b1", "--owner=0", "--group=0", "--numeric-owner",
                        "--mtime=@0", "--mode=a=r,u+w"] + pax + ["-C", tmp, "-cf", os.path.abspath(name)]
                       + list(files), check=True)                      # archive order = dict order


os.makedirs("course", exist_ok=True)
# train.tar (ustar, images in a sub-folder, plus files the reader must skip); archive order 0002, 0010, 0001.
tar("course/train.tar", {
    "train/0002_3.png": gray(10),
    "train/0010_1.png": rgb,
    "train/0001_7.png": checker,
    "train/._0001_7.png": b"\x00\x05\x16\x07 AppleDouble junk",
    "train/README.txt": b"not an image\n",
}, "ustar")
tar("course/test.tar", {"5_0.png": gray(0), "6_9.png": gray(200)}, "ustar")

long_dir = "a-folder-name-long-enough/" * 5                         # 130 characters: beyond ustar's 100
tar("longname-gnu.tar", {long_dir + "42_4.png": gray(42)}, "gnu")  # GNU 'L' long-name entry
tar("longname-ustar.tar", {long_dir + "41_3.png": gray(41)}, "ustar")  # split into ustar prefix + name
tar("longname-pax.tar", {long_dir + "43_5.png": gray(43)}, "pax")  # pax 'x' header with a path record
