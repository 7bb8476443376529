"""Sending the drafts of `DIR/messages/` by SMTP (the adapter behind `scheduler send`).

`envoi.csv` says which files to send and to whom; `envoyes.csv` (same folder, UTF-8 with BOM,
`;`) gets one line per message sent, written and flushed to disk right after the server accepted
it, so that a send interrupted for any reason is resumed without sending anything twice: a
message whose Message-ID is already listed there is skipped.
"""
from __future__ import annotations

import csv
import datetime as dt
import email
import os
import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses, parseaddr
from pathlib import Path

from scheduler.core.errors import Message
from scheduler.core.words import both, word

MESSAGES_FOLDER = "messages"
LIST_NAME = "envoi.csv"
SENT_NAME = "envoyes.csv"
SENT_COLUMNS = ("Fichier", "Message-ID", "Email", "Envoyé le")


class SendingError(Exception):
    """Nothing more can be sent: no drafts, no sender, or the server refuses or cannot be reached."""

    def __init__(self, message: Message, resumable: bool = False) -> None:
        super().__init__(message.fr)
        self.message = message
        self.resumable = resumable  # some messages may be left: running the command again resumes


@dataclass(frozen=True)
class Outgoing:
    """One draft of envoi.csv: its file, name, addresses, subject and Message-ID."""

    file: str
    name: str
    recipients: tuple[str, ...]
    subject: str
    message_id: str

    @property
    def sendable(self) -> bool:
        return bool(self.recipients)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _parse(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=SMTP)  # type: ignore[return-value]


def outbox(folder: Path) -> list[Outgoing]:
    """The drafts listed in `folder/messages/envoi.csv`, in its order."""
    messages = folder / MESSAGES_FOLDER
    listing = messages / LIST_NAME
    if not listing.is_file():
        raise SendingError(Message(*both("sending.no_list", listing=listing, folder=folder)))
    found = []
    for row in _read_csv(listing):
        name = (row.get("Fichier") or "").strip()
        path = messages / name
        if not name or "/" in name or not path.is_file():
            raise SendingError(Message(*both("sending.missing_file", listing=listing.name, name=name,
                                             messages=messages)))
        draft = _parse(path)
        recipients = tuple(address for _, address in getaddresses([row.get("Email") or ""]) if address)
        found.append(Outgoing(name, row.get("Nom") or "", recipients, row.get("Objet") or "",
                              str(draft.get("Message-ID", "")) or name))
    return found


def already_sent(folder: Path) -> set[str]:
    """Message-IDs listed in envoyes.csv."""
    path = folder / MESSAGES_FOLDER / SENT_NAME
    if not path.is_file():
        return set()
    return {row.get("Message-ID", "") for row in _read_csv(path)} - {""}


def _record(folder: Path, outgoing: Outgoing) -> None:
    """Append one line to envoyes.csv and push it to the disk before anything else is sent."""
    path = folder / MESSAGES_FOLDER / SENT_NAME
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8-sig" if new else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        if new:
            writer.writerow(SENT_COLUMNS)
        stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        writer.writerow([outgoing.file, outgoing.message_id, ", ".join(outgoing.recipients), stamp])
        handle.flush()
        os.fsync(handle.fileno())


def _sender(draft: EmailMessage, user: str | None) -> str:
    address = parseaddr(str(draft.get("From", "")))[1]
    if address:
        return address
    if user and "@" in user:
        return user
    raise SendingError(Message(*both("sending.no_sender")))


def _server_error(host: str, port: int, failure: BaseException) -> SendingError:
    if isinstance(failure, smtplib.SMTPAuthenticationError):
        return SendingError(Message(*both("sending.refused_login", server=f"{host}:{port}")), True)
    if isinstance(failure, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused,
                            smtplib.SMTPSenderRefused)):
        detail = getattr(failure, "smtp_error", b"") or b""
        text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        code = getattr(failure, "smtp_code", "")
        return SendingError(Message(*both("sending.refused_message", server=f"{host}:{port}", code=code, text=text)),
                            True)
    reason = next((key for kind, key in _REASONS.items() if isinstance(failure, kind)), None)
    if reason is None:
        return SendingError(Message(*both("sending.unreachable", server=f"{host}:{port}", failure=failure)), True)
    return SendingError(Message(*(word("sending.unreachable", lang, server=f"{host}:{port}",
                                       failure=word(reason, lang)) for lang in ("fr", "en"))), True)


# What the system says in English (`[Errno 111] Connection refused`), said in the coordinator's words.
_REASONS: dict[type, str] = {ConnectionRefusedError: "sending.no_listener", socket.gaierror: "sending.unknown_host",
                             TimeoutError: "sending.no_answer", ConnectionResetError: "sending.connection_cut"}


def send_all(folder: Path, host: str, port: int, *, user: str | None = None,
             password: str | Callable[[], str] | None = None, starttls: bool = False, timeout: float = 30,
             on_sent: Callable[[Outgoing], None] | None = None) -> list[Outgoing]:
    """Send every draft with an address not yet in envoyes.csv; returns those sent now.

    `password` may be a function asking for it: it is called only when the server asks to log in.
    An address the server refuses stops no other message: each is named at the end. Raises
    SendingError, after recording what was sent, when the server refuses or cannot be reached.
    """
    sent_before = already_sent(folder)
    pending = [o for o in outbox(folder) if o.sendable and o.message_id not in sent_before]
    if not pending:
        return []
    sent: list[Outgoing] = []
    refusals: list[tuple[str, str]] = []  # (French, English) per draft with a refused address
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as server:
            if starttls:
                server.starttls()
            server.ehlo_or_helo_if_needed()
            if user and server.has_extn("auth"):  # a relay without AUTH (a local one) takes --user as the sender only
                server.login(user, (password() if callable(password) else password) or "")
            for outgoing in pending:
                draft = _parse(folder / MESSAGES_FOLDER / outgoing.file)
                sender = _sender(draft, user)
                if not draft.get("From"):  # no `Email coordinateur`: the sender given is the From the reader sees
                    draft["From"] = sender
                try:
                    refused = server.send_message(draft, from_addr=sender, to_addrs=list(outgoing.recipients))
                except smtplib.SMTPRecipientsRefused as failure:  # every address of this message refused
                    refusals.append(_refused_addresses(outgoing, failure.recipients, f"{host}:{port}"))
                    continue
                if refused:  # some of its addresses refused, the others took it
                    refusals.append(_refused_addresses(outgoing, refused, f"{host}:{port}"))
                try:
                    _record(folder, outgoing)
                except OSError:  # sent but not written down: stop, or the next run would send it again
                    raise SendingError(Message(*both("sending.not_recorded", file=outgoing.file,
                                                     listing=f"{MESSAGES_FOLDER}/{SENT_NAME}"))) from None
                sent.append(outgoing)
                if on_sent is not None:
                    on_sent(outgoing)
    except SendingError:
        raise
    except (smtplib.SMTPException, OSError, socket.timeout) as failure:
        raise _server_error(host, port, failure) from None
    if refusals:
        raise SendingError(Message("\n".join(fr for fr, _ in refusals), "\n".join(en for _, en in refusals)))
    return sent


def _refused_addresses(outgoing: Outgoing, refused: dict, server: str) -> tuple[str, str]:
    """The line, in French and English, naming the draft, the addresses refused and the server's reasons."""
    reasons = "; ".join(f"{address} ({code} {_decoded(text)})" for address, (code, text) in refused.items())
    return both("sending.refused_recipient", file=outgoing.file, server=server, reasons=reasons)


def _decoded(text: object) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
