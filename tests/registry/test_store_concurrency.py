"""Several real processes writing one registry file at once lose nothing and never see a lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eventsmith.registry import Registry

WRITER = """
import sys
from eventsmith.registry import Registry

path, worker, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
registry = Registry(path)
for n in range(rounds):
    # Every writer widens the shared schema by one field, read-modify-write style: a lost
    # update would drop another writer's field from the latest version.
    def build(latest, n=n):
        props = dict((latest or {}).get("properties", {}))
        props[f"w{worker}_{n}"] = {"type": "string"}
        return {"type": "object", "properties": props}
    registry.update_schema("shared", build, samples=[{"w": worker, "n": n}], samples_seen=1)
    registry.put_version(f"own-{worker}", {"type": "object", "title": f"{worker}-{n}"})
"""


def test_four_writers_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "registry.sqlite3"
    rounds = 15
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(worker), str(rounds)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(4)
    ]
    errors = [proc.communicate(timeout=120)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0], errors
    assert not any("locked" in text for text in errors)

    with Registry(path) as registry:
        shared = registry.versions("shared")
        assert [v.version for v in shared] == list(range(1, 4 * rounds + 1))
        fields = set(shared[-1].content["properties"])
        assert fields == {f"w{w}_{n}" for w in range(4) for n in range(rounds)}
        assert registry.get_schema("shared").samples_seen == 4 * rounds
        for worker in range(4):
            assert len(registry.versions(f"own-{worker}")) == rounds
