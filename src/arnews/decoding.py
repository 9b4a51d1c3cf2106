"""Decode input files: decide a file's encoding the same way whether it is read whole or a
block at a time, and open it for reading text.

The order of trials: a UTF-8 or UTF-16 byte-order mark, strict UTF-8, then Windows-1256 when
the result reads as Arabic. NUL bytes (outside UTF-16) and control characters mean binary.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from arnews.errors import SkipFile

__all__ = ["BLOCK_BYTES", "Opened", "decode_bytes", "open_text", "sniff_encoding"]

BLOCK_BYTES = 1 << 20  # files are checked this much at a time
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")
_UTF8_BOM, _UTF16_BOMS = b"\xef\xbb\xbf", (b"\xff\xfe", b"\xfe\xff")
Opened = Callable[[BinaryIO], None] | None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an input file's bytes; return ``(text, encoding)`` with CRLF/CR turned into LF.

    Tries, in order: a UTF-8 or UTF-16 byte-order mark, strict UTF-8, then Windows-1256 when the
    result reads as Arabic. Raises :class:`SkipFile` for binary or undecodable input.
    """
    enc = _decide_encoding(lambda: iter((data,)))
    text = data.decode("utf-8" if enc == "utf-8-sig" else enc)
    text = text.removeprefix("\ufeff") if enc == "utf-8-sig" else text
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


def sniff_encoding(path: Path) -> str:
    """Decide the encoding of the file at `path` as :func:`decode_bytes` would, reading it a
    block at a time; raise :class:`SkipFile` for an empty, binary or undecodable file."""

    def blocks() -> Iterator[bytes]:
        with path.open("rb") as fh:
            while block := fh.read(BLOCK_BYTES):
                yield block

    blank = all(not block.strip() for block in blocks())
    if blank:
        raise SkipFile("empty file")
    return _decide_encoding(blocks)


def _decide_encoding(blocks: Callable[[], Iterator[bytes]]) -> str:
    first = next(blocks(), b"")
    if first.startswith(_UTF8_BOM):
        return _check(blocks, "utf-8", "utf-8-sig", skip=3)
    if first.startswith(_UTF16_BOMS):
        return _check(blocks, "utf-16", "utf-16")
    if any(b"\x00" in block for block in blocks()):
        raise SkipFile("binary file (contains NUL bytes)")
    try:
        return _check(blocks, "utf-8", "utf-8", fallback=True)
    except UnicodeDecodeError:
        return _check_cp1256(blocks)


def _check(
    blocks: Callable[[], Iterator[bytes]],
    codec: str,
    label: str,
    *,
    skip: int = 0,
    fallback: bool = False,
) -> str:
    """Decode every block strictly; return `label`. With `fallback` a decoding error
    propagates (the caller then tries Windows-1256); else it is a SkipFile."""
    decoder = codecs.getincrementaldecoder(codec)()
    done = skip  # bytes decoded so far, the mark included
    try:
        for block in [*_skipping(blocks(), skip), b""]:
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the last block
            _check_controls(decoder.decode(block, final=not block))
            done += len(block)
    except UnicodeDecodeError as err:
        if fallback:
            raise
        at = done - pending + err.start  # err.start counts from the pending bytes
        raise SkipFile(f"undecodable text: invalid {label} at byte {at}") from None
    return label


def _check_cp1256(blocks: Callable[[], Iterator[bytes]]) -> str:
    letters = arabic = 0
    for block in blocks():
        text = block.decode("cp1256")  # defines all 256 bytes
        _check_controls(text)
        alpha = [c for c in text if c.isalpha()]
        letters += len(alpha)
        arabic += sum("\u0600" <= c <= "\u06ff" for c in alpha)
    if not letters or arabic / letters < 0.5:
        raise SkipFile("undecodable text: not UTF-8, and does not read as Windows-1256 Arabic")
    return "cp1256"


def _skipping(blocks: Iterator[bytes], skip: int) -> Iterator[bytes]:
    for n, block in enumerate(blocks):
        yield block[skip:] if n == 0 else block


def _check_controls(text: str) -> None:
    if _CONTROL_RE.search(text):
        raise SkipFile("binary file (contains control characters)")


def open_text(
    path: Path, encoding: str, start: int | None = None, opened: Opened = None
) -> io.TextIOWrapper:
    """Open `path` for reading text with CRLF/CR read as LF, from byte `start` if given;
    `opened` is handed the binary file (its position tells the progress)."""
    raw = path.open("rb")
    if opened is not None:
        opened(raw)
    if start:
        raw.seek(start)
        encoding = "utf-8" if encoding == "utf-8-sig" else encoding  # the mark is at byte 0
    return io.TextIOWrapper(raw, encoding=encoding, newline=None)
