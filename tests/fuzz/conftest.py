"""Registers the `nightly` hypothesis profile early enough for `--hypothesis-profile nightly`
(hypothesis loads the profile when pytest starts, before test modules are imported)."""

from hypothesis import settings

from tests.fuzz.campaign import NIGHTLY_EXAMPLES

settings.register_profile("nightly", max_examples=NIGHTLY_EXAMPLES, deadline=None)
