"""`scheduler send` end to end against an aiosmtpd server on the loopback address, resume included."""
from __future__ import annotations

import email
import socket
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.exports import write_all
from tests.tiny_people import checked, people_problem, people_timetable

SENDABLE = {"lea-dupont.eml", "paul-mentor.eml", "ana-bernard.eml", "bob-colin.eml", "acme.eml", "numeria.eml"}


class Inbox:
    """An SMTP handler keeping what arrived; refuses the message number `refuse_at` (1-based) when given."""

    def __init__(self, refuse_at: int | None = None) -> None:
        self.received: list[tuple[str, list[str], email.message.EmailMessage]] = []
        self.refuse_at = refuse_at
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts == self.refuse_at:
            return "554 5.7.1 Message refused"
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server():
    started = []

    def start(inbox: Inbox, **options) -> int:
        port = _free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        started.append(controller)
        return port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def out_dir(tmp_path) -> Path:
    problem = people_problem()
    write_all(problem, checked(problem, people_timetable()), tmp_path)
    return tmp_path


def _send(folder: Path, port: int, *extra: str, env: dict | None = None):
    return CliRunner().invoke(app, ["send", str(folder), "--smtp", f"127.0.0.1:{port}", *extra], env=env)


def _sent_files(folder: Path) -> list[str]:
    lines = (folder / "messages" / "envoyes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Fichier;Message-ID;Email;Envoyé le"
    return [line.split(";")[0] for line in lines[1:]]


def test_send_delivers_every_addressed_draft_and_lists_the_others(out_dir, server):
    inbox = Inbox()
    port = server(inbox)
    result = _send(out_dir, port, "--yes")
    assert result.exit_code == 0, result.output
    assert "sans adresse, non envoyé : Marc Sansmail (marc-sansmail.eml)" in result.output
    assert "sans adresse, non envoyé : Chloé Durand (chloe-durand.eml)" in result.output
    assert "6 messages envoyés." in result.output
    assert sorted(_sent_files(out_dir)) == sorted(SENDABLE)
    assert len(inbox.received) == 6
    [(sender, rcpt, lea)] = [r for r in inbox.received if r[2]["Subject"] == "Promo Test : vos interventions"
                             and r[1] == ["lea.dupont@exemple.fr"]]
    assert sender == "sophie.martin@exemple.fr"
    [attachment] = list(lea.iter_attachments())
    assert attachment.get_content_type() == "text/calendar" and attachment.get_filename() == "lea-dupont.ics"
    assert "Les métiers du web" in lea.get_body(("plain",)).get_content()
    # Sending again sends nothing: everything is already recorded.
    again = _send(out_dir, port, "--yes")
    assert again.exit_code == 0 and len(inbox.received) == 6
    assert "0 message à envoyer" in again.output


def test_an_interrupted_send_resumes_without_sending_twice(out_dir, server):
    failing = Inbox(refuse_at=3)
    result = _send(out_dir, server(failing), "--yes")
    assert result.exit_code == 1
    assert "refuse le message (554 5.7.1 Message refused)" in result.output
    assert "Relancez la même commande pour reprendre." in result.output
    assert "Traceback" not in result.output
    first = _sent_files(out_dir)
    assert len(first) == 2 == len(failing.received)
    inbox = Inbox()
    resumed = _send(out_dir, server(inbox), "--yes")
    assert resumed.exit_code == 0, resumed.output
    assert len(inbox.received) == 4
    identifiers = [m["Message-ID"] for _, _, m in failing.received + inbox.received]
    assert len(identifiers) == len(set(identifiers)) == 6
    assert sorted(_sent_files(out_dir)) == sorted(SENDABLE)


def test_without_a_terminal_send_asks_for_yes(out_dir, server):
    inbox = Inbox()
    result = _send(out_dir, server(inbox))
    assert result.exit_code == 2
    assert "ajoutez --yes" in result.output
    assert inbox.received == []


def test_without_a_terminal_nor_the_variable_the_password_is_a_usage_error(out_dir, server):
    inbox = Inbox()  # a server that wants a login (a relay without AUTH asks no password: test_trypeople_send)
    port = server(inbox, authenticator=lambda *_: AuthResult(success=True), auth_require_tls=False)
    result = _send(out_dir, port, "--yes", "--user", "sophie", env={"SCHEDULER_SMTP_PASSWORD": None})
    assert result.exit_code == 2, result.output
    assert "SCHEDULER_SMTP_PASSWORD" in result.output and "Warning" not in result.output
    assert inbox.received == []


def test_a_relay_without_auth_sends_from_the_user_given_when_the_programme_names_no_coordinator(tmp_path, server):
    problem = people_problem(coordinator=False)
    write_all(problem, checked(problem, people_timetable()), tmp_path)
    inbox = Inbox()
    result = _send(tmp_path, server(inbox), "--yes", "--user", "sophie@exemple.fr",
                   env={"SCHEDULER_SMTP_PASSWORD": "unused"})
    assert result.exit_code == 0, result.output
    assert len(inbox.received) == 6
    assert {sender for sender, _, _ in inbox.received} == {"sophie@exemple.fr"}
    assert {message["From"] for _, _, message in inbox.received} == {"sophie@exemple.fr"}


def test_unreachable_server_is_one_clear_line(out_dir):
    result = _send(out_dir, _free_port(), "--yes", "--lang", "en")
    assert result.exit_code == 1
    assert "cannot reach the server 127.0.0.1:" in result.output
    assert "Traceback" not in result.output and not (out_dir / "messages" / "envoyes.csv").exists()


def test_wrong_smtp_option_and_missing_messages_are_usage_errors(out_dir, tmp_path):
    bad = CliRunner().invoke(app, ["send", str(out_dir), "--smtp", "localhost", "--yes"])
    assert bad.exit_code == 2 and "HOTE:PORT" in bad.output
    empty = CliRunner().invoke(app, ["send", str(tmp_path / "nothing"), "--smtp", "127.0.0.1:25", "--yes"])
    assert empty.exit_code == 1 and "lancez d'abord `scheduler plan`" in empty.output


def test_login_with_the_password_from_the_environment(out_dir, server):
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    inbox = Inbox()
    port = server(inbox, authenticator=authenticator, auth_require_tls=False)
    wrong = _send(out_dir, port, "--yes", "--user", "sophie", env={"SCHEDULER_SMTP_PASSWORD": "nope"})
    assert wrong.exit_code == 1 and "refuse l'identifiant ou le mot de passe" in wrong.output
    right = _send(out_dir, port, "--yes", "--user", "sophie", env={"SCHEDULER_SMTP_PASSWORD": "s3cret"})
    assert right.exit_code == 0, right.output
    assert len(inbox.received) == 6 and seen[-1] == (b"sophie", b"s3cret")
