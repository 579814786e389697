"""Benchmark: the language server through the real protocol, on a 1,000-state workflow.

`eventsmith lsp` runs as a subprocess on stdio; this script is its client (JSON-RPC frames,
incremental didChange). In one run:
- edit-to-diagnostics: a one-character edit (alternately breaking and fixing a `Next`) until
  the server publishes diagnostics for that version; 50 edits, p50/p95;
- completion latency: a `textDocument/completion` in that `Next` value after each edit;
- the peer, the AWS Toolkit's `amazon-states-language-service` (npm), in a node process on
  the same text and the same edits: parse + `doValidation`, and `doComplete` (in process, so
  it pays no protocol, IPC or debounce: the comparison favours it);
- server memory (RSS) after 10 edits and after 1,000 edits.
The server's debounce (`debounceMs`, default 200 ms) is part of edit-to-diagnostics; the run
reports both the default and `debounceMs: 0` (a client that debounces on its own side).
Goals: edit-to-diagnostics p95 < 100 ms, completion p95 < 30 ms, faster than the npm service,
memory after 1,000 edits within 1.2x of after 10.

    npm ci --prefix bench/asl_service
    python bench/bench_lsp.py [--edits 50] [--memory-edits 1000] [--states 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from statistics import median
from typing import Any

HERE = Path(__file__).parent
PEER = HERE / "asl_service"
LAMBDA = "arn:aws:states:::lambda:invoke"


def workflow(count: int) -> dict[str, Any]:
    """`count` states in a chain of Task, Choice, Pass and Wait states (every state reachable)."""
    names = [f"Step {index:04d}" for index in range(count)]
    states: dict[str, Any] = {}
    for index, name in enumerate(names):
        following = names[index + 1] if index + 1 < count else None
        end: dict[str, Any] = {"Next": following} if following else {"End": True}
        kind = index % 10
        if kind == 3 and following:
            states[name] = {
                "Type": "Choice",
                "Choices": [
                    {"Variable": f"$.r{index - 1}.ok", "BooleanEquals": True, "Next": following}
                ],
                "Default": following,
            }
        elif kind == 6:
            states[name] = {"Type": "Wait", "Seconds": 1, **end}
        elif kind == 8:
            states[name] = {
                "Type": "Pass",
                "Result": {"step": index},
                "ResultPath": f"$.p{index}",
                **end,
            }
        else:
            states[name] = {
                "Type": "Task",
                "Resource": LAMBDA,
                "Parameters": {"FunctionName": f"step-{index}", "Payload.$": "$"},
                "ResultSelector": {"ok.$": "$.Payload.ok"},
                "ResultPath": f"$.r{index}",
                "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
                **end,
            }
    return {"Comment": "bench", "StartAt": names[0], "States": states}


class Server:
    """`eventsmith lsp` on stdio with a reader thread; notifications are timestamped."""

    def __init__(self, registry: Path, options: dict[str, Any]) -> None:
        command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), "lsp"]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0
        self.responses: dict[int, tuple[float, Any]] = {}
        self.arrived = threading.Condition()
        self.diagnostics: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": None,
                "capabilities": {},
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(stream.read(length))
            now = time.perf_counter()
            if "id" in message and "method" in message:  # a request from the server
                self._send({"id": message["id"], "result": None})
            elif "id" in message:
                with self.arrived:
                    self.responses[message["id"]] = (now, message.get("result"))
                    self.arrived.notify_all()
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.put((now, message["params"]))

    def request(self, method: str, params: Any) -> tuple[float, Any]:
        """(seconds until the response, result)."""
        self.next_id += 1
        ident = self.next_id
        start = time.perf_counter()
        self._send({"id": ident, "method": method, "params": params})
        with self.arrived:
            self.arrived.wait_for(lambda: ident in self.responses, timeout=60)
            arrived, result = self.responses.pop(ident)
        return arrived - start, result

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def diagnostics_for(self, version: int, sent: float) -> tuple[float, list[Any]]:
        while True:
            arrived, params = self.diagnostics.get(timeout=60)
            if params.get("version") == version:
                return arrived - sent, params["diagnostics"]

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        return kib / 1024

    def close(self) -> float | None:
        """Shut the server down; seconds from `exit` to the process ending (None: killed
        after 30 s)."""
        self.request("shutdown", None)
        self.notify("exit", None)
        start = time.perf_counter()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None
        return time.perf_counter() - start


class Edits:
    """One-character edits that alternately change and restore a string value (by removing and
    putting back its last character), each with an LSP range and a peer offset.

    `field="Next"` breaks and fixes a transition (the states after it become unreachable, then
    reachable again); `field="FunctionName"` types in a value no rule looks at (the findings do
    not change: the common keystroke)."""

    def __init__(self, text: str, states: int, field: str = "Next") -> None:
        self.text = text
        self.lines = text.split("\n")
        pattern = re.compile(rf'^\s*"{field}": "[^"]+",?$')
        matching = [number for number, line in enumerate(self.lines) if pattern.match(line)]
        step = max(1, len(matching) // 25)
        self.targets = [(number, self.lines[number].rindex('"') - 1) for number in matching[::step]]

    def edit(self, index: int) -> tuple[dict[str, Any], dict[str, Any], tuple[int, int]]:
        """(LSP content change, peer edit, (line, character) inside the edited value)."""
        line, character = self.targets[(index // 2) % len(self.targets)]
        removed = self.lines[line][character]
        offset = sum(len(text) + 1 for text in self.lines[:line]) + character
        if index % 2 == 0:  # remove the last character of the state name
            start, end, insert = character, character + 1, ""
            self.lines[line] = self.lines[line][:character] + self.lines[line][character + 1 :]
            peer = {"offset": offset, "deleteCount": 1, "insert": ""}
            self.pending = removed
        else:  # put it back
            start, end, insert = character, character, self.pending
            self.lines[line] = self.lines[line][:character] + insert + self.lines[line][character:]
            peer = {"offset": offset, "deleteCount": 0, "insert": insert}
        change = {
            "range": {
                "start": {"line": line, "character": start},
                "end": {"line": line, "character": end},
            },
            "text": insert,
        }
        return change, peer, (line, character - 1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_server(
    text: str,
    states: int,
    edits: int,
    debounce: int | None,
    registry: Path,
    memory_edits: int = 0,
    field: str = "Next",
) -> dict[str, Any]:
    options: dict[str, Any] = {} if debounce is None else {"debounceMs": debounce}
    server = Server(registry, options)
    uri = "file:///bench/bench.asl.json"
    start = time.perf_counter()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "asl-json", "version": 1, "text": text}},
    )
    open_seconds, first = server.diagnostics_for(1, start)
    plan = Edits(text, states, field)
    to_diagnostics: list[float] = []
    completion: list[float] = []
    counts: list[int] = []
    completion_items = 0
    rss: dict[int, float] = {}
    total = max(edits, memory_edits)
    cpu_before = server.cpu_seconds()
    cpu_edits = 0.0
    for index in range(total):
        change, _, (line, character) = plan.edit(index)
        version = index + 2
        sent = time.perf_counter()
        server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        seconds, found = server.diagnostics_for(version, sent)
        if index < edits:
            to_diagnostics.append(seconds * 1000)
            counts.append(len(found))
            took, result = server.request(
                "textDocument/completion",
                {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
            )
            completion.append(took * 1000)
            items = result.get("items", []) if isinstance(result, dict) else result or []
            completion_items = len(items)
        if index + 1 == edits:
            cpu_edits = server.cpu_seconds() - cpu_before
        if index + 1 in (10, memory_edits):
            rss[index + 1] = server.rss_mib()
    exit_seconds = server.close()
    return {
        "exit_seconds": exit_seconds,
        "open_ms": open_seconds * 1000,
        "first_diagnostics": len(first),
        "to_diagnostics": to_diagnostics,
        "completion": completion,
        "counts": counts,
        "completion_items": completion_items,
        "rss": rss,
        "cpu_ms_per_edit": cpu_edits * 1000 / edits,
    }


def run_peer(text: str, states: int, edits: int, field: str = "Next") -> dict[str, Any] | None:
    if not (PEER / "node_modules" / "amazon-states-language-service").exists():
        print(f"peer missing: npm ci --prefix {PEER}", file=sys.stderr)
        return None
    plan = Edits(text, states, field)
    changes = [plan.edit(index) for index in range(edits)]
    lines = text.split("\n")
    line, character = changes[0][2]
    completion_offset = sum(len(item) + 1 for item in lines[:line]) + character
    payload = {
        "text": text,
        "edits": [peer for _, peer, _ in changes],
        "completion": completion_offset,
    }
    result = subprocess.run(
        ["node", str(PEER / "validate.js")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return dict(json.loads(result.stdout))


def summary(name: str, values: list[float]) -> str:
    return f"{name:<44} p50 {median(values):8.1f} ms   p95 {percentile(values, 0.95):8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--memory-edits", type=int, default=1000)
    args = parser.parse_args()
    text = json.dumps(workflow(args.states), indent=2)
    print(
        f"workflow: {args.states} states, {len(text):,} characters, "
        f"{text.count(chr(10)) + 1:,} lines; {args.edits} one-character edits"
    )
    with tempfile.TemporaryDirectory() as folder:
        registry = Path(folder) / "registry.sqlite3"
        default = run_server(text, args.states, args.edits, None, registry)
        immediate = run_server(text, args.states, args.edits, 0, registry, args.memory_edits)
        typing = run_server(text, args.states, args.edits, 0, registry, field="FunctionName")
    peer = run_peer(text, args.states, args.edits)
    peer_typing = run_peer(text, args.states, args.edits, field="FunctionName")

    print(
        f"server: open to first diagnostics {immediate['open_ms']:.0f} ms; "
        f"diagnostics per edit {sorted(set(immediate['counts']))}; "
        f"{immediate['completion_items']} completion items"
    )
    print("-- edits that break and fix a Next (the states after it become unreachable)")
    print(summary("eventsmith edit->diagnostics (debounce 200)", default["to_diagnostics"]))
    print(summary("eventsmith edit->diagnostics (debounceMs 0)", immediate["to_diagnostics"]))
    print(summary("eventsmith completion (state names)", immediate["completion"]))
    print(cpu("eventsmith server CPU per edit (+ completion)", immediate["cpu_ms_per_edit"]))
    if peer is not None:
        print(f"peer: diagnostics per edit {sorted(set(peer['diagnostics']))}")
        print(summary("npm service parse + doValidation", peer["validation_ms"]))
        print(summary("npm service doComplete", peer["completion_ms"]))
        print(cpu("npm service CPU per edit (+ completion)", peer["cpu_ms"] / args.edits))
        ratios("validation", immediate["to_diagnostics"], peer["validation_ms"])
        ratios("completion", immediate["completion"], peer["completion_ms"])
    print("-- edits inside a FunctionName value (the findings do not change)")
    print(summary("eventsmith edit->diagnostics (debounceMs 0)", typing["to_diagnostics"]))
    print(cpu("eventsmith server CPU per edit (+ completion)", typing["cpu_ms_per_edit"]))
    if peer_typing is not None:
        print(summary("npm service parse + doValidation", peer_typing["validation_ms"]))
        ratios("validation", typing["to_diagnostics"], peer_typing["validation_ms"])
    for name, run in (("default", default), ("debounceMs 0", immediate), ("typing", typing)):
        seconds = run["exit_seconds"]
        took = "killed after 30 s" if seconds is None else f"{seconds:.1f} s"
        print(f"server exit after shutdown ({name} run): {took}")
    rss = immediate["rss"]
    if len(rss) == 2:
        after_10, after_n = rss[10], rss[args.memory_edits]
        print(
            f"server RSS after 10 edits {after_10:.1f} MiB, after {args.memory_edits} edits "
            f"{after_n:.1f} MiB: {after_n / after_10:.2f}x"
        )


def cpu(name: str, milliseconds: float) -> str:
    return f"{name:<44} {milliseconds:8.1f} ms"


def ratios(label: str, ours: list[float], theirs: list[float]) -> None:
    ratio = median(theirs) / median(ours)
    ratio95 = percentile(theirs, 0.95) / percentile(ours, 0.95)
    print(f"ratio npm/eventsmith, {label:<12} p50 {ratio:5.2f}x   p95 {ratio95:5.2f}x")


if __name__ == "__main__":
    main()
