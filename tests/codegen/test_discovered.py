"""The documented flow: discover the bundled samples, generate both languages, use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from eventsmith.registry import Registry
from tests.codegen.conftest import require_tool, run_cli, same_json

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "events"

ROUND_TRIP = """
import importlib, json, sys
for module, sample in json.load(sys.stdin):
    bindings = importlib.import_module(module)
    print(bindings.to_json(bindings.from_json(json.dumps(sample))))
"""

GUARDS = """
const path = require("path");
const jobs = JSON.parse(require("fs").readFileSync(0, "utf8"));
const accepted = jobs.map(([file, sample]) => require(path.resolve(file)).isAWSEvent(sample));
console.log(JSON.stringify(accepted));
"""


def test_bindings_of_discovered_samples_accept_their_samples(tmp_path: Path) -> None:
    registry = tmp_path / "registry.db"
    discovered = run_cli(registry, "discover", str(SAMPLES))
    assert discovered.returncode == 0, discovered.stderr
    reports = {}
    for language in ("python", "typescript"):
        out = tmp_path / language
        result = run_cli(
            registry, "codegen", "--all", "--lang", language, "--out", str(out), "--json"
        )
        assert result.returncode == 0, result.stderr
        reports[language] = {f["schema"]: f["path"] for f in json.loads(result.stdout)["files"]}
    with Registry(registry) as store:
        samples = {info.name: store.samples(info.name) for info in store.list_schemas()}
    assert len(samples) == 3
    assert reports["python"]["aws.partner/example.com/123@TicketCreated"] == (
        "schema/aws/partner_example/com_123/ticketcreated/__init__.py"
    )

    jobs = [
        (reports["python"][name].removesuffix("/__init__.py").replace("/", "."), sample)
        for name, stored in sorted(samples.items())
        for sample in stored
    ]
    python = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP], input=json.dumps(jobs), cwd=tmp_path / "python",
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert python.returncode == 0, python.stderr
    dumped = [json.loads(line) for line in python.stdout.splitlines()]
    assert len(dumped) == len(jobs)
    assert all(same_json(back, sample) for back, (_, sample) in zip(dumped, jobs, strict=True))

    tsc, node = require_tool("tsc"), require_tool("node")
    sources = [str(tmp_path / "typescript" / path) for path in reports["typescript"].values()]
    build = tmp_path / "js"
    compiled = subprocess.run(
        [tsc, "--strict", "--target", "es2020", "--module", "commonjs", "--outDir", str(build),
         "--rootDir", str(tmp_path / "typescript"), *sources],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert compiled.returncode == 0, compiled.stdout
    ts_jobs = [
        (str(build / reports["typescript"][name].replace(".ts", ".js")), sample)
        for name, stored in sorted(samples.items())
        for sample in stored
    ]
    guards = subprocess.run(
        [node, "-e", GUARDS], input=json.dumps(ts_jobs), capture_output=True, text=True, check=False
    )
    assert guards.returncode == 0, guards.stderr
    assert json.loads(guards.stdout) == [True] * len(ts_jobs)
