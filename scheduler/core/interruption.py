"""Ctrl-C, SIGTERM and SIGHUP stop a run cleanly: the search stops at once, nothing half-written stays.

While `handling_signals()` is active, a signal raises `Interrupted` in the main thread as soon as
Python runs there again; during a solve (the main thread waits inside the solver) a watchdog
polls `requested()`, which sees the signal through the wake-up pipe, and stops the search. A
section run under `deferred()` (the swap of the output folder) is never cut in the middle.
"""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None),
                            getattr(signal, "SIGHUP", None)) if s is not None)


class Interrupted(BaseException):
    """The run was stopped by a signal; `exit_code` is 128 + its number (130 for Ctrl-C)."""

    def __init__(self, signum: int):
        super().__init__(f"signal {signum}")
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + int(self.signum)


class _State:
    received: int | None = None
    deferring = 0
    wake_read: int | None = None


def _handler(signum: int, frame) -> None:
    _State.received = signum
    if not _State.deferring:
        raise Interrupted(signum)


def requested() -> bool:
    """Whether a signal arrived (callable from any thread, even while the main thread is in C code)."""
    if _State.received is None and _State.wake_read is not None:
        try:
            data = os.read(_State.wake_read, 64)
        except (BlockingIOError, InterruptedError, OSError):
            data = b""
        if data:
            _State.received = data[-1]
    return _State.received is not None


@contextmanager
def handling_signals() -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into `Interrupted` for the duration (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in SIGNALS}
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    os.set_blocking(write_end, False)
    old_wakeup = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    _State.received, _State.wake_read = None, read_end
    for number in SIGNALS:
        signal.signal(number, _handler)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(old_wakeup)
        _State.wake_read = None
        os.close(read_end)
        os.close(write_end)


@contextmanager
def deferred() -> Iterator[None]:
    """A section a signal must not cut: a signal arriving inside is only noted (`requested()`),
    the section finishes, and what it did stands."""
    _State.deferring += 1
    try:
        yield
    finally:
        _State.deferring -= 1
