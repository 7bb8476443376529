"""What `plan` writes for a cohort whose participants are not listed yet (the Participants sheet left empty,
as a coordinator does before the job seekers are known): found by reading its messages and LISEZMOI."""
from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from trycohort_workbook import plan_cohort


@pytest.fixture(scope="module", params=["fr", "en"])
def planned(request, tmp_path_factory) -> tuple[Path, str]:
    return plan_cohort(tmp_path_factory.mktemp("cohorte"), "--lang", request.param), request.param


def _body(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    return message.get_body(("plain",)).get_content()


def test_a_speakers_message_does_not_count_participants_nobody_listed(planned) -> None:
    """It said 'Public : la cohorte, 0 participant' to every speaker."""
    out, lang = planned
    body = _body(out / "messages" / "karim-benali.eml").replace("\r\n", "\n")
    assert ("Public : la cohorte, effectif pas encore connu\n" if lang == "fr"
            else "Audience: the cohort, size not known yet\n") in body, body
    assert "0 participant" not in body


def test_the_readme_lists_only_the_calendar_folders_written(planned) -> None:
    """It listed 'projets/<projet>.ics chaque groupe projet (0)' and 'participants/<nom>.ics … (0)', folders
    that were not there."""
    out, lang = planned
    text = (out / ("LISEZMOI.txt" if lang == "fr" else "README.txt")).read_text(encoding="utf-8")
    assert not (out / "projets").exists() and not (out / "participants").exists()
    assert "projets/" not in text and "participants/" not in text and "(0)" not in text, text
    listed = [line for line in text.splitlines() if line.startswith("  ") and line.split()[0].endswith(".ics")]
    assert [line.split()[0] for line in listed] == ["cohorte.ics", "intervenants/<nom>.ics" if lang == "fr"
                                                    else "intervenants/<name>.ics"]
    assert listed[-1].endswith("."), listed  # the list still ends as a sentence
