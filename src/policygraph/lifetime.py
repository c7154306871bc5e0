"""Worker processes that end with the process that started them.

A build's and a server's workers wait on pipes to their parent, but a worker busy in the
engine (a runaway query, a large chunk) does not read its pipe, and a parent killed with
`kill -9` runs no clean-up: the worker would run on, unbounded, holding a core and the store.
On Linux the kernel is asked to kill the worker when its parent ends (`PR_SET_PDEATHSIG`).
That signal follows the parent *thread* that started the worker, so workers are started from
threads that live as long as their process (the main thread, the server's event loop).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Have this process killed when `parent` (its parent's pid) ends; exit at once if it has
    ended already (before the request could be made). Elsewhere than on Linux, nothing."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:
        os._exit(1)
