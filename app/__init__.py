"""The PySide6 desktop app; Qt models and views over the core and nothing more."""

import sys

if sys.version_info < (3, 12):  # pragma: no branch - depends on the interpreter
    import ctypes

    # PySide6 6.12 returns None from every void C++ method without taking a reference
    # (`list.addItem("x")`, `item.setData(...)`, `model.appendRow(...)` each leave None's
    # count one lower). From Python 3.12 None is immortal and nothing happens; on 3.11 the
    # count reaches zero after some tens of thousands of calls and the interpreter aborts
    # with "none_dealloc". Giving None a count no session can exhaust makes it immortal here
    # too, which is what 3.12 does by design.
    _count = ctypes.c_ssize_t.from_address(id(None))
    _count.value = max(_count.value, 1 << 60)
