"""`scheduler send` as a French coordinator meets it in a real terminal: the question, answered no then yes."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scheduler.exports import write_all
from tests.test_send import Inbox, _sent_files, out_dir, server  # noqa: F401  (pytest fixtures)


def in_terminal(folder: Path, port: int, answers: list[str], *extra: str) -> tuple[int, str]:
    """Runs `scheduler send` with a pseudo-terminal as its input, typing each answer after each question."""
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "scheduler", "send", str(folder), "--smtp",
                                f"127.0.0.1:{port}", *extra], stdin=child, stdout=child, stderr=child,
                               env={**os.environ, "COLUMNS": "200"})
    os.close(child)
    output, pending = b"", list(answers)
    while True:
        ready, _, _ = select.select([main], [], [], 20)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        if pending and output.rstrip().endswith((b":", b"?", b"]")):
            time.sleep(0.05)
            os.write(main, pending.pop(0).encode() + b"\n")
    os.close(main)
    return process.wait(timeout=60), output.decode("utf-8", errors="replace")


@pytest.mark.parametrize("answer", ["o", "oui", "O", "yes"])
def test_a_french_yes_sends(out_dir, server, answer):  # noqa: F811
    inbox = Inbox()
    code, output = in_terminal(out_dir, server(inbox), [answer])
    assert code == 0, output
    assert "[o/N]" in output and "y/N" not in output and "Error" not in output
    assert len(inbox.received) == 6


def test_no_sends_nothing_and_says_so_then_yes_sends(out_dir, server):  # noqa: F811
    inbox = Inbox()
    port = server(inbox)
    code, output = in_terminal(out_dir, port, ["non"])
    assert code == 0 and inbox.received == [] and not (out_dir / "messages" / "envoyes.csv").exists()
    assert "Rien n'a été envoyé" in output, output
    code, output = in_terminal(out_dir, port, ["peut-être", "o"])
    assert "Répondez o (oui) ou n (non)" in output and "Error" not in output, output
    assert code == 0 and len(inbox.received) == 6 and len(_sent_files(out_dir)) == 6


def test_in_english_the_question_takes_y(out_dir, server):  # noqa: F811
    inbox = Inbox()
    code, output = in_terminal(out_dir, server(inbox), ["y"], "--lang", "en")
    assert code == 0 and "[y/N]" in output and len(inbox.received) == 6, output
