"""The PDF reader process: PDFs read apart from the process that imports them, each within a cap
on the memory and processor time it may add, so that a hostile file (a stream that unpacks to
gigabytes, a page whose text never ends) fails alone and clearly.

`read(data, source, memory, seconds)` hands a PDF to this process's reader -- started on first
use as `python -m importers.pdf_reader`, kept for the next PDF, started again after one that ended
it -- and returns what `pdf._read_here` returned there, or raises its ImportFailed. The reader is
a plain child process talking over its standard input and output (length-prefixed pickles), not
a `multiprocessing` worker: nothing of the importing process (its threads, its main module) is
copied or run again.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading

from .records import ImportFailed

HEADER = struct.Struct(">Q")  # each message's length

_reader: subprocess.Popen | None = None
_lock = threading.Lock()  # one PDF at a time to the reader: a crawl's sites share it


def read(data: bytes, source: str, memory: int, seconds: int):
    """`pdf._read_here(data, source)` in the reader, within `memory` bytes and `seconds` of CPU."""
    global _reader
    with _lock:
        if _reader is None or _reader.poll() is not None:
            _reader = _start()
        reader = _reader
        try:
            _send(reader.stdin, (data, source, memory, seconds))
            failed, answer = _receive(reader.stdout)
        except (OSError, EOFError, struct.error, pickle.UnpicklingError):
            reader.kill()
            _stop(reader)
            _reader = None  # the next PDF gets a new reader
            reason = (
                f"reading the PDF took more than {memory // (1024 * 1024)} MB of memory or {seconds} s: "
                "it is refused (damaged, or made to exhaust a reader)"
            )
            raise ImportFailed(source, 0, reason) from None
    if failed:
        raise answer
    return answer


def _start() -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
    reader = subprocess.Popen(
        [sys.executable, "-m", "importers.pdf_reader"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment,
        close_fds=True,
    )
    atexit.register(_stop, reader)
    return reader


def _stop(reader: subprocess.Popen) -> None:
    """The reader's input ends, and so does it (at exit, or after a PDF that ended it)."""
    for stream in (reader.stdin, reader.stdout):
        with contextlib.suppress(OSError):  # (a pipe the reader ended may not flush)
            stream.close()
    try:
        reader.wait(timeout=5)
    except subprocess.TimeoutExpired:
        reader.kill()
        reader.wait()


def _send(stream, message) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(body)) + body)
    stream.flush()


def _receive(stream):
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError("the reader ended")
    (length,) = HEADER.unpack(header)
    body = stream.read(length)
    if len(body) < length:
        raise EOFError("the reader ended")
    return pickle.loads(body)


def serve() -> None:
    """The reader's loop: a PDF in, its reading (or its ImportFailed) out, until its input ends."""
    from .pdf import read_within_limits  # (the reader's own import: the importing process needs none)

    source_in, answer_out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by a library may corrupt the answers
    while True:
        try:
            data, source, memory, seconds = _receive(source_in)
        except EOFError:
            return
        try:
            answer = (False, read_within_limits(data, source, memory, seconds))
        except ImportFailed as failure:
            answer = (True, failure)
        _send(answer_out, answer)


if __name__ == "__main__":
    serve()
