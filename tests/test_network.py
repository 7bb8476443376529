"""reseau.xlsx: the speakers each participant met, e-mails only where the speaker shares them."""
from __future__ import annotations

import openpyxl

from scheduler.exports.network import meetings, write_network
from tests.tiny_people import checked, people_problem, people_timetable


def test_participants_meet_cohort_speakers_and_their_own_group_mentor():
    met = {(m.participant, m.speaker): m for m in meetings(people_problem(), people_timetable())}
    assert set(met) == {(p, s) for p in ("Ana Bernard", "Bob Colin", "Chloé Durand")
                        for s in ("Léa Dupont", "Marc Sansmail")} | {("Ana Bernard", "Paul Mentor"),
                                                                      ("Bob Colin", "Paul Mentor")}
    assert met[("Ana Bernard", "Paul Mentor")].sessions == 2
    assert met[("Ana Bernard", "Paul Mentor")].titles == ("Suivi P1",)


def test_email_only_where_the_speaker_shares_it():
    met = {(m.participant, m.speaker): m for m in meetings(people_problem(), people_timetable())}
    assert met[("Chloé Durand", "Léa Dupont")].email == "lea.dupont@exemple.fr"  # share_contact=True
    assert met[("Ana Bernard", "Paul Mentor")].email == ""  # has an address, does not share it


def test_workbook_rows(tmp_path):
    problem = people_problem()
    [path] = write_network(problem, checked(problem, people_timetable()), tmp_path)
    rows = list(openpyxl.load_workbook(path)["Réseau"].iter_rows(values_only=True))
    assert rows[0] == ("Participant", "Intervenant", "Organisation", "Type", "Email", "Séances", "Titres")
    assert ("Ana Bernard", "Paul Mentor", "Acme", "Entreprise", None, 2, "Suivi P1") in rows
    assert ("Bob Colin", "Léa Dupont", "Numéria", "Entreprise", "lea.dupont@exemple.fr", 1,
            "Les métiers du web") in rows
    assert len(rows) == 1 + 8


def test_nancy_plan_writes_reseau_xlsx(nancy_plan):
    rows = list(openpyxl.load_workbook(nancy_plan / "reseau.xlsx").active.iter_rows(values_only=True))
    assert len(rows) > 12 and all(row[0] and row[1] for row in rows[1:])
