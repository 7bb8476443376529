"""The drafts a new coordinator gets before the participants are known: no '0 participant' to a speaker."""
from __future__ import annotations

import dataclasses
import email
from email import policy

from scheduler.exports import write_all
from tests.tiny_people import checked, people_problem, people_timetable


def _body(path) -> str:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()


def test_without_participants_yet_the_audience_says_so_instead_of_zero(tmp_path):
    problem = dataclasses.replace(people_problem(), participants=())
    timetable = dataclasses.replace(people_timetable(), groups=())
    write_all(problem, checked(problem, timetable), tmp_path)
    lea, paul = _body(tmp_path / "messages" / "lea-dupont.eml"), _body(tmp_path / "messages" / "paul-mentor.eml")
    assert "0 participant" not in lea + paul
    assert "Public : la cohorte, effectif pas encore connu" in lea
    assert "Public : le groupe P1 « Site pour une association », effectif pas encore connu" in paul


def test_with_participants_the_audience_counts_them(tmp_path):
    problem = people_problem()
    write_all(problem, checked(problem, people_timetable()), tmp_path)
    assert "Public : la cohorte, 3 participants" in _body(tmp_path / "messages" / "lea-dupont.eml")
    assert "« Site pour une association », 2 participants" in _body(tmp_path / "messages" / "paul-mentor.eml")


def test_after_a_replan_a_participant_who_joined_or_changed_group_gets_their_timetable(tmp_path):
    from scheduler.core.domain import Participant
    problem = people_problem()
    write_all(problem, checked(problem, people_timetable()), tmp_path)  # the first plan, its calendars' state
    joined = dataclasses.replace(problem, participants=(*problem.participants, Participant("Dan Nouveau", "dan@ex.fr")))
    timetable = dataclasses.replace(people_timetable(), groups=(("Ana Bernard", "P1"), ("Bob Colin", "P2"),
                                                                  ("Chloé Durand", "P2"), ("Dan Nouveau", "P1")))
    write_all(joined, checked(joined, timetable), tmp_path, changes=[])  # no session moved
    drafted = sorted(p.name for p in (tmp_path / "messages").glob("*.eml"))
    assert drafted == ["bob-colin.eml", "dan-nouveau.eml"], drafted  # Bob left P1's mentoring; Ana, Chloé: as before
    dan = _body(tmp_path / "messages" / "dan-nouveau.eml")
    assert "groupe P1 « Site pour une association »" in dan and "Suivi P1" in dan
    assert "Votre planning à jour" in dan or "planning à jour" in dan
