"""StreamingBody: the `Body` of an S3 GetObject response.

As in botocore it wraps a raw stream (here an io.BytesIO over the bytes the mock cloud sent)
and can be read once: `read()`, `read(amt)`, `iter_lines()`, `iter_chunks()`, `readlines()`,
iteration, `close()`, and use as a context manager.
"""

import io

from botocore.exceptions import IncompleteReadError


class StreamingBody(io.IOBase):
    """Wrapper class for a raw stream with a known content length."""

    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(self, raw_stream, content_length):
        self._raw_stream = raw_stream
        self._content_length = content_length
        self._amount_read = 0

    def __del__(self):
        pass

    def set_socket_timeout(self, timeout):
        """Accepted and ignored (there is no socket)."""

    def readable(self):
        try:
            return self._raw_stream.readable()
        except AttributeError:
            return False

    def read(self, amt=None):
        """Read at most amt bytes from the stream; everything left if amt is None."""
        chunk = self._raw_stream.read() if amt is None else self._raw_stream.read(amt)
        self._amount_read += len(chunk)
        if amt is None or (not chunk and amt > 0):
            self._verify_content_length()
        return chunk

    def readinto(self, b):
        data = self._raw_stream.read(len(b))
        b[: len(data)] = data
        self._amount_read += len(data)
        return len(data)

    def readlines(self):
        return self._raw_stream.readlines()

    def __iter__(self):
        return self.iter_chunks(self._DEFAULT_CHUNK_SIZE)

    def __next__(self):
        current_chunk = self.read(self._DEFAULT_CHUNK_SIZE)
        if current_chunk:
            return current_chunk
        raise StopIteration()

    def __enter__(self):
        return self._raw_stream

    def __exit__(self, type, value, traceback):
        self._raw_stream.close()

    next = __next__

    def iter_lines(self, chunk_size=_DEFAULT_CHUNK_SIZE, keepends=False):
        """Return an iterator to yield lines from the raw stream."""
        pending = b''
        for chunk in self.iter_chunks(chunk_size):
            lines = (pending + chunk).splitlines(True)
            for line in lines[:-1]:
                yield line.splitlines(keepends)[0]
            pending = lines[-1]
        if pending:
            yield pending.splitlines(keepends)[0]

    def iter_chunks(self, chunk_size=_DEFAULT_CHUNK_SIZE):
        """Return an iterator to yield chunks of chunk_size bytes from the raw stream."""
        while True:
            current_chunk = self.read(chunk_size)
            if current_chunk == b"":
                break
            yield current_chunk

    def _verify_content_length(self):
        if self._content_length is not None and self._amount_read != int(self._content_length):
            raise IncompleteReadError(actual_bytes=self._amount_read, expected_bytes=int(self._content_length))

    def tell(self):
        return self._raw_stream.tell()

    def close(self):
        """Close the underlying stream."""
        self._raw_stream.close()

    @property
    def closed(self):
        return self._raw_stream.closed


def streaming_body(data):
    """A StreamingBody over bytes."""
    return StreamingBody(io.BytesIO(data), len(data))
