"""A speaker across two cohorts of a year: the year calendar and the cohorts' own speaker calendars are the
same events for a calendar (same UIDs), so importing both does not duplicate; and it shows no internal ID.

Found trying it as a speaker would: the per-cohort file comes attached to the cohort's message, the year
file from the coordinator; imported into one calendar, every session appeared twice (the year file used the
UIDs of `cohorte.ics`, the speaker files their own), and the year file's description read `Séance : I1-1`.
"""
from __future__ import annotations

from icalendar import Calendar

from scheduler.exports.year import write_year
from test_year_exports import planned_year


def _events(path):
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_the_year_calendar_of_a_speaker_has_the_uids_of_their_cohort_calendars(tmp_path):
    year, result = planned_year()
    write_year(year, result.timetables, tmp_path)
    year_file = _events(tmp_path / "intervenants" / "s1.ics")
    cohort_files = {}
    for folder in ("hiver-2026", "printemps-2027"):
        path = tmp_path / folder / "intervenants" / "s1.ics"
        if path.exists():
            cohort_files |= _events(path)
    assert len(year_file) == 3 and set(year_file) == set(cohort_files)
    for uid, event in year_file.items():  # the same event: same time, title, place
        twin = cohort_files[uid]
        assert (event.decoded("DTSTART"), str(event["SUMMARY"]), str(event.get("LOCATION"))) == \
               (twin.decoded("DTSTART"), str(twin["SUMMARY"]), str(twin.get("LOCATION")))
        assert "I1-" not in str(event.get("DESCRIPTION")) and "Séance :" not in str(event.get("DESCRIPTION"))
        assert "Hiver 2026" in str(event["DESCRIPTION"]) or "Printemps 2027" in str(event["DESCRIPTION"])
