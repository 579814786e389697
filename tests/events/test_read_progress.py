"""`EventReader.progress()`: byte and document counts against totals taken from the disk."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from eventsmith.events import EventReader, ReadProgress


def test_progress_counts_bytes_documents_and_files_against_the_disk(tmp_path: Path) -> None:
    lines = tmp_path / "a.jsonl"
    lines.write_text("".join(json.dumps({"n": n}) + "\n" for n in range(100)))
    packed = tmp_path / "b.json.gz"
    packed.write_bytes(gzip.compress(json.dumps([{"m": m} for m in range(10)]).encode()))
    reader = EventReader([lines, packed, tmp_path / "missing.json"])

    before = reader.progress()
    size = lines.stat().st_size + packed.stat().st_size
    assert before == ReadProgress(0, size, 0, 1, 3, None)  # the missing file is done already
    assert before.fraction == 0.0

    paths = []
    for _stem, _batch in reader.batches():
        paths.append(reader.progress().path)
    after = reader.progress()
    assert (after.bytes_done, after.documents, after.files_done) == (size, 110, 3)
    assert after.fraction == 1.0
    assert paths[0] == str(lines) and paths[-1] == str(packed)


def test_stdin_has_no_total() -> None:
    reader = EventReader(["-"], stdin=io.BytesIO(b'{"a": 1}\n{"a": 2}\n'))
    assert sum(len(batch) for _stem, batch in reader.batches()) == 2
    progress = reader.progress()
    assert progress.bytes_total is None and progress.fraction is None
    assert (progress.bytes_done, progress.path) == (18, "<stdin>")
