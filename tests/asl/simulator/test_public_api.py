"""The simulator's public names are exported from `eventsmith.asl`, and importing them pulls in
neither the layout engine nor the CLI."""

from __future__ import annotations

import subprocess
import sys

import eventsmith.asl as asl
from eventsmith.asl import simulator


def test_every_simulator_name_is_exported_from_the_asl_root() -> None:
    assert simulator.__all__
    assert [
        name
        for name in simulator.__all__
        if getattr(asl, name, None) is not getattr(simulator, name)
    ] == []
    assert set(simulator.__all__) <= set(asl.__all__)


def test_importing_the_simulator_stays_light() -> None:
    code = (
        "import sys, eventsmith.asl.simulator; "
        "print('numpy' in sys.modules, 'click' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["False", "False"], result.stderr
