"""Messages ready to send: .eml drafts parsed back with Python's `email`, envoi.csv, only the changed after a change."""
from __future__ import annotations

import csv
import shutil
import datetime as dt
import email
from dataclasses import replace
from email import policy
from pathlib import Path

from icalendar import Calendar

from scheduler.exports import write_all
from scheduler.exports.changes import describe_changes
from scheduler.workbook.reading import load
from tests.helpers_workbooks import valid_sheets, write_workbook
from tests.tiny_people import checked, people_problem, people_timetable

ALL_FILES = {"lea-dupont.eml", "marc-sansmail.eml", "paul-mentor.eml", "ana-bernard.eml", "bob-colin.eml",
             "chloe-durand.eml", "acme.eml", "numeria.eml"}


def _written(tmp_path: Path, lang: str = "fr", **problem_options) -> Path:
    problem = people_problem(**problem_options)
    write_all(problem, checked(problem, people_timetable()), tmp_path, lang)
    return tmp_path / "messages"


def _parse(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def _text(message: email.message.EmailMessage) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def _rows(listing: Path) -> list[dict[str, str]]:
    raw = listing.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "French Excel needs the BOM to read UTF-8"
    with listing.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_one_draft_per_person_and_project_organisation_listed_in_envoi_csv(tmp_path):
    folder = _written(tmp_path)
    assert {p.name for p in folder.glob("*.eml")} == ALL_FILES
    rows = _rows(folder / "envoi.csv")
    assert list(rows[0]) == ["Email", "Nom", "Objet", "Fichier"]
    by_file = {row["Fichier"]: row for row in rows}
    assert set(by_file) == ALL_FILES
    assert by_file["lea-dupont.eml"]["Email"] == "lea.dupont@exemple.fr"
    assert by_file["marc-sansmail.eml"]["Email"] == ""  # listed, not an error
    assert by_file["chloe-durand.eml"]["Email"] == ""
    assert by_file["numeria.eml"]["Email"] == "lea.dupont@exemple.fr"  # Marc has no address
    assert by_file["ana-bernard.eml"]["Objet"] == "Promo Test : votre planning"


def test_speaker_draft_headers_body_and_calendar(tmp_path):
    folder = _written(tmp_path)
    message = _parse(folder / "lea-dupont.eml")
    assert message["From"] == "Sophie Martin <sophie.martin@exemple.fr>"
    assert message["To"] == "Léa Dupont <lea.dupont@exemple.fr>"
    assert message["Subject"] == "Promo Test : vos interventions"
    assert message["Date"] and message["Message-ID"].endswith("@place-competences-numeriques.fr>")
    raw_headers = (folder / "lea-dupont.eml").read_bytes().split(b"\r\n\r\n")[0]
    assert raw_headers.isascii(), "headers are RFC 2047 encoded"
    body = _text(message)
    assert "lundi 2 novembre 2026, 10:00–12:00 : Les métiers du web" in body
    assert "Lieu : Maison de l'Emploi, Nancy" in body
    assert "Public : la cohorte, 3 participants" in body
    assert "Sophie Martin <sophie.martin@exemple.fr>" in body
    assert "Atelier CV" not in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "lea-dupont.ics"
    data = attachment.get_content()
    data = data.encode() if isinstance(data, str) else data
    assert data == (tmp_path / "intervenants" / "lea-dupont.ics").read_bytes()
    events = [e for e in Calendar.from_ical(data).walk("VEVENT")]
    assert [str(e["SUMMARY"]) for e in events] == ["Les métiers du web"]


def test_group_audience_and_project_organisation_message(tmp_path):
    folder = _written(tmp_path)
    paul = _text(_parse(folder / "paul-mentor.eml"))
    assert "Public : le groupe P1 « Site pour une association », 2 participants" in paul
    acme = _parse(folder / "acme.eml")
    assert acme["To"] == "Paul Mentor <paul.mentor@exemple.fr>"
    body = _text(acme)
    assert "- Ana Bernard\n- Bob Colin" in body and "Chloé Durand" not in body
    assert body.count("Suivi P1") == 2 and "lundi 16 novembre 2026, 14:00–16:00" in body
    assert [a.get_filename() for a in acme.iter_attachments()] == ["P1.ics"]
    numeria = _text(_parse(folder / "numeria.eml"))
    assert "- Chloé Durand" in numeria and "(aucune)" in numeria


def test_participant_draft_lists_cohort_and_own_group_sessions(tmp_path):
    folder = _written(tmp_path)
    chloe = _parse(folder / "chloe-durand.eml")
    assert chloe["To"] is None
    body = _text(chloe)
    assert "Accueil" in body and "Les métiers du web" in body and "Atelier CV" in body
    assert "Suivi P1" not in body
    assert "Intervenant : Léa Dupont (Numéria)" in body
    assert [a.get_filename() for a in chloe.iter_attachments()] == ["chloe-durand.ics"]


def test_english_messages(tmp_path):
    folder = _written(tmp_path, lang="en")
    message = _parse(folder / "lea-dupont.eml")
    assert message["Subject"] == "Promo Test: your sessions"
    body = _text(message)
    assert "Monday, 2 November 2026, 10:00–12:00: Les métiers du web" in body
    assert "Audience: the cohort, 3 participants" in body and "Any question: Sophie Martin" in body


def test_without_coordinator_no_from_and_no_contact_line(tmp_path):
    message = _parse(_written(tmp_path, coordinator=False) / "lea-dupont.eml")
    assert message["From"] is None
    assert "Pour toute question" not in _text(message)


def test_message_id_stable_for_the_same_content_and_new_when_it_changes(tmp_path):
    first = _parse(_written(tmp_path / "a") / "lea-dupont.eml")["Message-ID"]
    again = _parse(_written(tmp_path / "b") / "lea-dupont.eml")["Message-ID"]
    assert first == again
    problem = people_problem()
    timetable = people_timetable()
    moved = replace(timetable, sessions=tuple(replace(s, start=s.start + 60, end=s.end + 60) if s.session_id == "I1-1"
                                              else s for s in timetable.sessions))
    write_all(problem, moved, tmp_path / "c")
    assert _parse(tmp_path / "c" / "messages" / "lea-dupont.eml")["Message-ID"] != first


def test_after_a_change_only_the_people_concerned_get_a_message(tmp_path):
    problem = people_problem()
    before = people_timetable()
    write_all(problem, before, tmp_path)
    later = dt.date(2026, 11, 5)
    after = replace(before, sessions=tuple(replace(s, day=later) if s.session_id == "I2-1" else s
                                           for s in before.sessions))
    changes = describe_changes(before.sessions, checked(problem, after).sessions)
    write_all(problem, after, tmp_path, "fr", changes)
    folder = tmp_path / "messages"
    assert {p.name for p in folder.glob("*.eml")} == {"marc-sansmail.eml", "ana-bernard.eml", "bob-colin.eml",
                                                     "chloe-durand.eml"}
    assert {row["Fichier"] for row in _rows(folder / "envoi.csv")} == {p.name for p in folder.glob("*.eml")}
    body = _text(_parse(folder / "marc-sansmail.eml"))
    assert ("Déplacée : « Atelier CV », mardi 3 novembre 2026 09:00–12:00 → jeudi 5 novembre 2026 09:00–12:00"
            in body)
    assert _parse(folder / "ana-bernard.eml")["Subject"] == "Promo Test : changement de planning"


def test_a_cancelled_mentoring_session_reaches_its_speaker_group_and_organisation(tmp_path):
    problem = people_problem()
    before = people_timetable()
    after = replace(before, sessions=tuple(s for s in before.sessions if s.session_id != "I3-2"))
    write_all(problem, after, tmp_path, "fr", describe_changes(before.sessions, after.sessions))
    folder = tmp_path / "messages"
    assert {p.name for p in folder.glob("*.eml")} == {"paul-mentor.eml", "ana-bernard.eml", "bob-colin.eml",
                                                     "acme.eml"}
    assert "Annulée : « Suivi P1 », lundi 23 novembre 2026 14:00–16:00" in \
        _text(_parse(folder / "acme.eml"))


def test_a_speaker_whose_only_session_is_cancelled_gets_the_cancelling_calendar(tmp_path):
    problem = people_problem()
    before = people_timetable()
    write_all(problem, before, tmp_path)
    after = replace(before, sessions=tuple(s for s in before.sessions if s.session_id != "I1-1"))
    write_all(problem, after, tmp_path, "fr", describe_changes(before.sessions, after.sessions))
    lea = _parse(tmp_path / "messages" / "lea-dupont.eml")
    body = _text(lea)
    assert "Annulée : « Les métiers du web », lundi 2 novembre 2026 10:00–12:00" in body
    assert "Vous n'avez plus de séance prévue." in body
    [attachment] = list(lea.iter_attachments())
    [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


def test_nothing_changed_means_no_message(tmp_path):
    problem = people_problem()
    write_all(problem, people_timetable(), tmp_path, "fr", [])
    assert not list((tmp_path / "messages").glob("*.eml"))
    assert _rows(tmp_path / "messages" / "envoi.csv") == []


def test_coordinator_settings_and_share_contact_are_read(tmp_path):
    sheets = valid_sheets()
    sheets["Programme"] += [["Coordinateur", "Sophie Martin"], ["Email coordinateur", "sophie@exemple.fr"],
                            ["Émargement événements", "oui"]]
    sheets["Intervenants"][0].append("Contact partagé")
    sheets["Intervenants"][1].append("oui")
    problem = load(write_workbook(tmp_path / "in.xlsx", sheets))
    assert (problem.programme.coordinator, problem.programme.coordinator_email) == ("Sophie Martin", "sophie@exemple.fr")
    assert problem.programme.attendance_events is True
    assert [s.share_contact for s in problem.speakers] == [True, False]


def test_plan_of_nancy_writes_a_message_per_speaker(nancy_plan):
    rows = _rows(nancy_plan / "messages" / "envoi.csv")
    files = {row["Fichier"] for row in rows}
    assert files == {p.name for p in (nancy_plan / "messages").glob("*.eml")}
    speakers = {p.stem for p in (nancy_plan / "intervenants").glob("*.ics")}
    assert speakers <= {Path(f).stem for f in files}
    for row in rows:
        message = _parse(nancy_plan / "messages" / row["Fichier"])
        assert message["Subject"] == row["Objet"]
        assert list(message.iter_attachments()), row["Fichier"]


def test_export_of_a_hand_edit_writes_messages_only_for_those_concerned(nancy_plan, tmp_path):
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from scheduler.cli import app
    from scheduler.core.text import slug
    from scheduler.workbook.planning_reader import read_planning
    from tests.test_verify_export import DATE, END, NANCY, START, hm, legal_move, row_of

    problem = load(NANCY)
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)
    before, after = legal_move(problem, timetable)
    folder = tmp_path / "sortie"
    shutil.copytree(nancy_plan, folder)
    workbook = load_workbook(folder / "planning.xlsx")
    sheet = workbook["Planning"]
    row = row_of(sheet, before.session_id)
    sheet.cell(row, DATE).value = after.day.strftime("%d/%m/%Y")
    sheet.cell(row, START).value, sheet.cell(row, END).value = hm(after.start), hm(after.end)
    edited = tmp_path / "planning-modifie.xlsx"  # an input may not lie inside the folder the export replaces
    workbook.save(edited)
    result = CliRunner().invoke(app, ["export", str(NANCY), str(edited), "--out", str(folder)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    files = {row["Fichier"] for row in _rows(folder / "messages" / "envoi.csv")}
    group = dict(timetable.groups)
    expected = {f"{slug(before.speaker)}.eml"} | {f"{slug(p.name)}.eml" for p in problem.participants
                                                 if before.audience in ("Cohorte", group.get(p.name))}
    if before.audience != "Cohorte":
        expected.add(f"{slug(next(p.organisation for p in problem.projects if p.id == before.audience))}.eml")
    assert files == expected
    assert {p.name for p in (folder / "messages").glob("*.eml")} == files
    body = _text(_parse(folder / "messages" / f"{slug(before.speaker)}.eml"))
    assert "Déplacée : « " + before.title + " »" in body
    assert f"{before.day.year}" in body and " → " in body
