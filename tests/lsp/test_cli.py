"""`eventsmith lsp` as editors and debuggers start it: stdio (every other test) and --tcp."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _message(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def _read_message(stream: socket.socket) -> dict[str, object]:
    data = b""
    while b"\r\n\r\n" not in data:
        data += stream.recv(4096)
    header, _, rest = data.partition(b"\r\n\r\n")
    length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
    while len(rest) < length:
        rest += stream.recv(4096)
    return json.loads(rest[:length])  # type: ignore[no-any-return]


def test_tcp_serves_the_protocol() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventsmith.cli.main", "lsp", "--tcp", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                stream = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not listen"
                time.sleep(0.1)
        with stream:
            capabilities = {"textDocument": {"rename": {"prepareSupport": True}}}
            initialize = {"processId": None, "rootUri": None, "capabilities": capabilities}
            stream.sendall(_message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                     "params": initialize}))  # fmt: skip
            reply = _read_message(stream)
        assert reply["id"] == 1
        result = reply["result"]
        assert isinstance(result, dict)
        assert result["serverInfo"]["name"] == "eventsmith"
        capabilities = result["capabilities"]
        assert capabilities["renameProvider"] == {"prepareProvider": True}
        assert capabilities["completionProvider"]["triggerCharacters"] == ['"', ":", ".", "$", " "]
    finally:
        server.kill()
        server.wait()


def test_a_bad_tcp_address_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "lsp", "--tcp", "nowhere"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "expected HOST:PORT" in result.stderr
