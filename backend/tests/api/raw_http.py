"""A minimal HTTP/1.1 client on raw sockets, for requests that the requests
library cannot send or cannot observe: oversized requests, slow senders and
responses read while the server shuts down."""

import select
import socket
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"
CHUNK_BYTES = 64 * 1024


@dataclass
class RawResponse:
    status: int
    headers: dict = field(default_factory=dict)  # names in lower case
    body: bytes = b""
    complete: bool = False  # the body has the length the headers announced


class ConnectionClosed(Exception):
    """The server closed or reset the connection before a response arrived."""


def connect(port, timeout_s=30.0):
    return socket.create_connection((HOST, port), timeout=timeout_s)


def _split_head(data):
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = data[:end].decode("iso-8859-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise ValueError(f"malformed status line {lines[0]!r}")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(parts[1]), headers, data[end + 4 :]


def _decode_chunked(body):
    """Return (decoded body, True) when body contains a whole chunked stream."""
    out = bytearray()
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            return bytes(out), False
        size = int(body[position:line_end].split(b";")[0], 16)
        position = line_end + 2
        if size == 0:
            return bytes(out), body.find(b"\r\n", position) >= 0
        if len(body) < position + size + 2:
            return bytes(out), False
        out += body[position : position + size]
        position += size + 2


def parse_response(data, connection_closed):
    """Parse one response from the bytes received so far, or return None if
    more bytes are needed."""
    head = _split_head(data)
    if head is None:
        return None
    status, headers, body = head
    if headers.get("transfer-encoding", "").lower() == "chunked":
        decoded, complete = _decode_chunked(body)
        if complete or connection_closed:
            return RawResponse(status, headers, decoded, complete)
        return None
    if "content-length" in headers:
        length = int(headers["content-length"])
        if len(body) >= length:
            return RawResponse(status, headers, body[:length], True)
        return RawResponse(status, headers, body, False) if connection_closed else None
    if connection_closed or status in (204, 304) or 100 <= status < 200:
        return RawResponse(status, headers, body, True)
    return None


def read_response(sock, timeout_s=60.0):
    """Read one response from sock. Raise ConnectionClosed when the server
    closes or resets the connection before a status line arrives."""
    deadline = time.monotonic() + timeout_s
    data = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no complete response within {timeout_s} s; received {bytes(data[:200])!r}")
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(CHUNK_BYTES)
        except ConnectionResetError:
            chunk = b""
        if chunk:
            data += chunk
        response = parse_response(bytes(data), connection_closed=not chunk)
        if response is not None:
            return response
        if not chunk:
            raise ConnectionClosed(f"connection closed after {len(data)} bytes: {bytes(data[:200])!r}")


def exchange(port, request, timeout_s=30.0):
    """Send request bytes and read one response. Sending stops as soon as the
    server responds or closes its side, so a server that rejects an oversized
    request early is observed rather than reported as a broken pipe."""
    with connect(port, timeout_s) as sock:
        sock.setblocking(False)
        deadline = time.monotonic() + timeout_s
        sent = 0
        data = bytearray()
        closed = False
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no complete response within {timeout_s} s after sending {sent} bytes")
            writers = [sock] if sent < len(request) else []
            readable, writable, _ = select.select([sock], writers, [], remaining)
            if readable:
                try:
                    chunk = sock.recv(CHUNK_BYTES)
                except ConnectionResetError:
                    chunk = b""
                closed = not chunk
                data += chunk
                response = parse_response(bytes(data), connection_closed=closed)
                if response is not None:
                    return response
                if closed:
                    raise ConnectionClosed(
                        f"connection closed after sending {sent} of {len(request)} bytes, "
                        f"received {bytes(data[:200])!r}"
                    )
            if writable:
                try:
                    sent += sock.send(request[sent : sent + CHUNK_BYTES])
                except (BrokenPipeError, ConnectionResetError):
                    sent = len(request)  # the server stopped reading; wait for its response
