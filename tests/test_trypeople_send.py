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


class Refusing(Inbox):
    """A server that refuses one mailbox, as a real one does for a mistyped address."""

    def __init__(self, refused: str) -> None:
        super().__init__()
        self.refused = refused

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refused:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_address_stops_nobody_else_and_is_named_with_the_servers_reason(out_dir, server):  # noqa: F811
    from typer.testing import CliRunner

    from scheduler.cli import app
    inbox = Refusing("ana@exemple.fr")
    port = server(inbox)
    result = CliRunner().invoke(app, ["send", str(out_dir), "--smtp", f"127.0.0.1:{port}", "--yes"])
    assert result.exit_code == 1, result.output
    assert len(inbox.received) == 5 and "ana-bernard.eml" not in _sent_files(out_dir)
    refusal = next(line for line in result.output.splitlines() if "ana-bernard.eml" in line and "refuse" in line)
    assert "ana@exemple.fr" in refusal and "550" in refusal and "mailbox unavailable" in refusal, result.output
    assert "( )" not in result.output and "Traceback" not in result.output
    again = CliRunner().invoke(app, ["send", str(out_dir), "--smtp", f"127.0.0.1:{port}", "--yes"])
    assert again.exit_code == 1 and len(inbox.received) == 5, again.output  # nothing sent twice


def test_a_relay_without_authentication_asks_no_password_even_without_a_terminal(tmp_path, server):  # noqa: F811
    from typer.testing import CliRunner

    from scheduler.cli import app
    from tests.tiny_people import checked, people_problem, people_timetable
    problem = people_problem(coordinator=False)
    write_all(problem, checked(problem, people_timetable()), tmp_path)
    inbox = Inbox()
    result = CliRunner().invoke(app, ["send", str(tmp_path), "--smtp", f"127.0.0.1:{server(inbox)}", "--yes",
                                      "--user", "sophie@exemple.fr"], env={"SCHEDULER_SMTP_PASSWORD": None})
    assert result.exit_code == 0, result.output
    assert len(inbox.received) == 6


def test_a_server_that_is_down_is_one_french_line_without_the_systems_english(out_dir):  # noqa: F811
    from typer.testing import CliRunner

    from scheduler.cli import app
    from tests.test_send import _free_port
    result = CliRunner().invoke(app, ["send", str(out_dir), "--smtp", f"127.0.0.1:{_free_port()}", "--yes"])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "impossible de joindre" in line)
    assert "Errno" not in line and "Connection refused" not in line and "aucun serveur" in line, line
    unknown = CliRunner().invoke(app, ["send", str(out_dir), "--smtp", "serveur.invalid:25", "--yes"])
    assert unknown.exit_code == 1 and "Errno" not in unknown.output and "nom de serveur inconnu" in unknown.output


@pytest.mark.parametrize("port", ["0", "99999"])
def test_a_port_out_of_range_is_a_usage_error(out_dir, port):  # noqa: F811
    from typer.testing import CliRunner

    from scheduler.cli import app
    result = CliRunner().invoke(app, ["send", str(out_dir), "--smtp", f"127.0.0.1:{port}", "--yes"])
    assert result.exit_code == 2 and "HOTE:PORT" in result.output, result.output


def test_a_sending_list_that_cannot_be_written_is_named_not_taken_for_a_server_down(out_dir, server):  # noqa: F811
    from typer.testing import CliRunner

    from scheduler.cli import app
    (out_dir / "messages" / "envoyes.csv").mkdir()  # as good as a file Excel keeps locked on Windows
    inbox = Inbox()
    result = CliRunner().invoke(app, ["send", str(out_dir), "--smtp", f"127.0.0.1:{server(inbox)}", "--yes"])
    assert result.exit_code == 1
    assert len(inbox.received) == 1  # stopped at once: what is not written down would be sent again
    assert "impossible de joindre" not in result.output and "Traceback" not in result.output
    line = next(line for line in result.output.splitlines() if "envoyes.csv" in line)
    assert "lea-dupont.eml" in line and "envoyé" in line, result.output
