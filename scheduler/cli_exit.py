"""The command's end without the interpreter's teardown: freeing every module and object of a run that
loaded OR-Tools, openpyxl and icalendar takes 0.1–0.2 s after the last file is written, for nothing."""
from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


def leave(code: object) -> NoReturn:
    """End the process as `sys.exit(code)` would: the output flushed, the exit handlers run, then at once.
    With another thread still running, the ordinary exit (which waits for it)."""
    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("text"): the text on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`scheduler … | head`): as Python's own exit
            status = status or 120
    os._exit(status & 0xFF if status >= 0 else 1)
