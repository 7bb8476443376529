"""A second process for the exports: on Linux, a forked child writes part of the output folder
while this process writes the rest, so that the exports use both cores.

The child is forked before the work is known (`start`): it may first run a job given at the fork
(`first`: reading the workbook while this process loads the solver, scheduler.app.read_ahead),
then imports what its part of the exports needs and waits for one job — a module-level function
and its arguments, pickled through a pipe — runs it and sends back its result, or its exception.
`Helper.first_result` and `Helper.result` return that result or raise that exception as if the job
had run here; when the child cannot answer (it died, was killed, or its answer cannot be pickled)
the job runs here instead, so that nothing is missing nor half written because of the second process. Elsewhere than Linux, on one core, or when `ENABLED` is
false (the tests compare both ways), `start` returns None and the caller runs everything itself.
Fork only from the main thread while no other thread imports (a module lock held at fork time
would stay held in the child); the child writes to its own (empty) standard streams for the same reason.
"""
from __future__ import annotations

import gc
import importlib
import io
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

ENABLED = sys.platform.startswith("linux") and hasattr(os, "fork")
FORK_BESIDE_THREADS = False  # tests only: fork although the test runner has threads of its own
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def single_threaded() -> bool:
    """Whether this process runs one thread of the system's, not only of Python's: a library's own threads
    (a Java virtual machine loaded through JPype, a solver's pool) do not exist in a forked child, and the
    child waits for ever on the first lock or call that needs one (the benchmark tests load a JVM: a fork
    after them hung in its garbage collector)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def available() -> bool:
    """Whether a second process can help: Linux, fork, and at least two cores this process may use."""
    if not ENABLED:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores >= 2


def _rebuilt(cls: type, base: type, value: Any, state: dict) -> Any:
    """An object of ours rebuilt from its value (an exception's args, a text) and attributes, without its __init__."""
    made = base.__new__(cls, *((value,) if base is str else ()))
    if base is not str:
        object.__setattr__(made, "args", value)  # even on a frozen dataclass
    made.__dict__.update(state)
    return made


class _Pickler(pickle.Pickler):
    """pickle, and our exceptions and texts with attributes (InputError, FileRefused, Notice…) travel as their
    state: their constructors take other arguments than pickle would give them back."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind.__module__.startswith("scheduler.") and hasattr(obj, "__dict__"):
            if isinstance(obj, BaseException):
                return _rebuilt, (kind, BaseException, obj.args, obj.__dict__)
            if isinstance(obj, str):
                return _rebuilt, (kind, str, str(obj), obj.__dict__)
        return NotImplemented


def _dumps(value: Any) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _write_fully(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_fully(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left and (chunk := os.read(fd, min(left, 1 << 16))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _answer(fd: int, run: Callable[[], Any]) -> None:
    """Run `run` and send its outcome (its result, or its exception) as one framed message."""
    try:
        outcome: tuple[str, Any] = ("done", run())
    except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
        outcome = ("failed", error)
    try:
        answer = _dumps(outcome)
        pickle.loads(answer)  # an exception whose class cannot be rebuilt: the parent runs the job itself
    except Exception:  # noqa: BLE001
        answer = pickle.dumps(("unknown", None))
    _write_fully(fd, len(answer).to_bytes(8, "big") + answer)


def _received(fd: int) -> tuple[str, Any]:
    """The next framed outcome from the child; ("unknown", None) when it sent none (it died)."""
    try:
        header = _read_exactly(fd, 8)
        size = int.from_bytes(header, "big") if len(header) == 8 else 0
        answer = _read_exactly(fd, size) if size else b""
    except OSError:
        return "unknown", None
    return pickle.loads(answer) if answer and len(answer) == size else ("unknown", None)


def _child(jobs: int, answers: int, modules: tuple[str, ...], first: tuple[Callable, tuple] | None) -> None:
    """In the child: run `first`, import `modules`, wait for the job, run it; send back each outcome."""
    # Its own streams: a thread of the parent (the progress display) may hold theirs at the fork, and the
    # child says nothing anyway (its outcome goes to the parent).
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - until os._exit
    for signum in _SIGNALS:  # a signal ends the child; the parent, told by its own handler, stops too
        signal.signal(signum, signal.SIG_DFL)
    try:
        signal.set_wakeup_fd(-1)  # the parent's wake-up pipe is the parent's
    except ValueError:
        pass
    if first is not None:
        _answer(answers, lambda: first[0](*first[1]))
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - the job imports it again and fails with its own error
            break
    data = _read_fully(jobs)
    if not data:  # the parent needed no help
        return
    try:
        function, arguments = pickle.loads(data)
    except Exception:  # noqa: BLE001 - not the job's failure: the parent runs the job itself
        return
    _answer(answers, lambda: function(*arguments))


class Helper:
    """The parent's handle on a forked child: `send` it one job, take its `result`, or `stop` it."""

    def __init__(self, pid: int, jobs: int, answers: int, first: tuple[Callable, tuple] | None = None):
        self.pid, self._jobs, self._answers, self._first = pid, jobs, answers, first
        self._job: tuple[Callable, tuple] | None = None
        self._sender: threading.Thread | None = None
        self._done = False

    def send(self, function: Callable, *arguments: Any) -> None:
        """Give the child `function(*arguments)` to run (`function` defined at a module's top level)."""
        self._job = (function, arguments)
        try:
            data = _dumps(self._job)
        except Exception:  # noqa: BLE001 - not picklable: `result` runs it here
            os.close(self._jobs)
            return

        def feed() -> None:  # a thread: the child may still be importing, and a pipe holds 64 KiB
            try:
                _write_fully(self._jobs, data)
            except OSError:  # the child is gone: `result` runs the job here
                pass
            finally:
                os.close(self._jobs)

        self._sender = threading.Thread(target=feed, name="job-for-the-second-process", daemon=True)
        self._sender.start()

    def first_result(self) -> Any:
        """What the job given at the fork returned, or its exception raised; run here if the child could not say."""
        first, self._first = self._first, None
        outcome = _received(self._answers) if not self._done else ("unknown", None)
        return _outcome(outcome, first)

    def result(self) -> Any:
        """What the job returned, or its exception raised; the job run here when the child could not say."""
        if self._first is not None:  # its answer comes first on the pipe
            _received(self._answers)
            self._first = None
        if self._sender is not None:
            self._sender.join()
        outcome = _received(self._answers) if not self._done else ("unknown", None)
        self._finish(kill=False)
        return _outcome(outcome, self._job)

    def stop(self) -> None:
        """End the child now (the run failed, or needs no help) and wait for it to be gone."""
        self._finish(kill=True)

    def _finish(self, kill: bool) -> None:
        if self._done:
            return
        self._done = True
        if self._sender is None and self._job is None:
            os.close(self._jobs)  # no job: the child reads the end of the pipe and leaves
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)  # before the staging folder is removed under it
            except ProcessLookupError:
                pass
        if self._sender is not None:
            self._sender.join()
        os.close(self._answers)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _outcome(outcome: tuple[str, Any], job: tuple[Callable, tuple] | None) -> Any:
    """The child's result, or its exception raised, or the job run here when the child could not say."""
    if outcome[0] == "done":
        return outcome[1]
    if outcome[0] == "failed" and isinstance(outcome[1], BaseException):
        raise outcome[1]
    function, arguments = job
    return function(*arguments)


def start(*modules: str, first: tuple[Callable, tuple] | None = None) -> Helper | None:
    """Fork a child that runs `first` (a function and its arguments) at once when given, imports
    `modules`, and waits for a job; None when no second process can help."""
    if not available() or threading.current_thread() is not threading.main_thread() or not (
            single_threaded() or FORK_BESIDE_THREADS):
        return None  # another thread's lock, or a thread the child would not have, could make it wait for ever
    jobs_read, jobs_write = os.pipe()
    answers_read, answers_write = os.pipe()
    gc.freeze()  # the child's collector then leaves this process's objects alone: fewer memory pages copied
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        for fd in (jobs_read, jobs_write, answers_read, answers_write):
            os.close(fd)
        return None
    if pid == 0:  # the child: never returns into the caller's code
        code = 0
        try:
            os.close(jobs_write)
            os.close(answers_read)
            _child(jobs_read, answers_write, modules, first)
        except BaseException:  # noqa: BLE001 - the parent sees no answer and runs the job itself
            code = 1
        finally:
            os._exit(code)
    gc.unfreeze()
    os.close(jobs_read)
    os.close(answers_write)
    return Helper(pid, jobs_write, answers_read, first)
