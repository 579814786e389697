"""Hypothesis in CI draws the same examples on every run (`derandomize`), so a red CI points
at a change rather than at a lucky draw; local runs keep exploring with fresh random examples
and their example database, and `EVENTSMITH_FUZZ=nightly` (docs/fuzzing.md) explores at size."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") and not os.environ.get("EVENTSMITH_FUZZ"):
    settings.load_profile("ci")
