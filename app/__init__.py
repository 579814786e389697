"""The PySide6 desktop app; Qt models and views over the core and nothing more."""

import ctypes
import sys


def _keep_none_alive() -> None:
    """Give None the near-infinite reference count Python 3.12 gives it (PEP 683).

    PySide6 6.12 returns None from every void method without a new reference, which is only
    right where None is immortal (3.12+). On CPython 3.11 each `setPen`, `setFont`, ... call
    takes one reference away, and after a few thousand calls None is deallocated and the
    process aborts ("none_dealloc"). Until that is fixed upstream, pretend None has 2**40
    owners. The write is checked against `sys.getrefcount` and undone if the layout differs.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))
    before = sys.getrefcount(None)
    refcount.value += 1 << 40
    if sys.getrefcount(None) != before + (1 << 40):
        refcount.value -= 1 << 40


_keep_none_alive()
