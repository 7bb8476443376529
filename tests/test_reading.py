"""Reading the input workbook: the public sample, every sheet, and every kind of mistake."""
from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers_workbooks import Sheets, valid_sheets, write_workbook
from scheduler.core import domain
from scheduler.core.errors import InputError, InvalidWorkbook
from scheduler.workbook import cells
from scheduler.workbook.labels import COLUMNS, PROGRAMME_KEYS, SHEETS, find
from scheduler.workbook.reading import load

SAMPLE = Path("/work/shared/contract/public-may-2027.xlsx")


# --- helpers -------------------------------------------------------------------------------------

def load_sheets(tmp_path: Path, sheets: Sheets) -> domain.Problem:
    return load(write_workbook(tmp_path / "input.xlsx", sheets))


def errors_of(tmp_path: Path, sheets: Sheets) -> list[InputError]:
    with pytest.raises(InvalidWorkbook) as raised:
        load_sheets(tmp_path, sheets)
    return raised.value.errors


def where(errors: list[InputError]) -> list[tuple[str, int | None, str | None]]:
    return [(e.sheet, e.row, e.column) for e in errors]


def set_cell(sheets: Sheets, sheet: str, row: int, column: str, value: object) -> None:
    """Put `value` in `sheet` at Excel row `row` (1 = header), in the column headed `column`."""
    rows = sheets[sheet]
    rows[row - 1][rows[0].index(column)] = value


def set_setting(sheets: Sheets, name: str, value: object) -> int:
    """Set (or add) a Programme setting; return its Excel row."""
    rows = sheets["Programme"]
    for number, row in enumerate(rows, start=1):
        if row[0] == name:
            row[1] = value
            return number
    rows.append([name, value])
    return len(rows)


# --- the public sample ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample() -> domain.Problem:
    return load(SAMPLE)


def test_sample_counts(sample: domain.Problem) -> None:
    assert (len(sample.offers), len(sample.projects), len(sample.participants), len(sample.themes)) == (30, 3, 12, 8)
    assert sample.programme.name == "Promo Mai 2027"
    assert sample.programme.start_date == dt.date(2027, 5, 3)
    assert sample.programme.afternoon == (13 * 60 + 30, 17 * 60 + 30)


def test_sample_offers(sample: domain.Problem) -> None:
    assert sample.offer("I005").duration_minutes == 150
    assert sample.offer("I001").required is True
    assert sample.offer("I027").project == "P1" and sample.offer("I027").phase == 2
    assert sample.offer("I025").phase is None  # coaching: either phase
    assert sample.offer("I001").phase == 1


def test_sample_windows_and_events(sample: domain.Problem) -> None:
    julie = [w for w in sample.windows if w.speaker == "Julie Girard"]
    assert [(w.date, w.start, w.end) for w in julie] == [(dt.date(2027, 5, 6), 9 * 60, 17 * 60)]
    review = next(e for e in sample.events if e.title == "Bilan de la semaine")
    assert (review.weekday, review.date, review.start, review.end) == (4, None, 16 * 60, 17 * 60)
    assert review.audience == domain.COHORT
    half_past = next(w for w in sample.windows if w.row == 8)  # 'Fin' typed as the text '17h30'
    assert half_past.end == 17 * 60 + 30


def test_sample_file_is_not_modified() -> None:
    before = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    load(SAMPLE)
    assert hashlib.sha256(SAMPLE.read_bytes()).hexdigest() == before


# --- a valid workbook, sheet by sheet --------------------------------------------------------------

def test_valid_workbook(tmp_path: Path) -> None:
    problem = load_sheets(tmp_path, valid_sheets())
    assert problem.programme.weeks == 12 and problem.programme.slot_minutes == 30  # default
    assert [t.colour for t in problem.themes] == ["1F77B4", "FF7F0E"]
    assert problem.speakers[0] == domain.Speaker("Léa Dupont", "Acme", "lea@exemple.fr", 3, row=2)
    assert problem.speakers[1].max_sessions is None
    i2 = problem.offer("I2")
    assert (i2.duration_minutes, i2.count, i2.location, i2.required) == (90, 2, "Salle B", False)
    assert problem.windows[1] == domain.Window("Marc Petit", None, 1, 14 * 60, 17 * 60, preferred=True, row=3)
    assert problem.closures == (domain.Closure(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "Vacances", 2),)
    assert problem.events[1].audience == "P1" and problem.events[1].weekday == 4
    assert problem.projects[0] == domain.Project("P1", "Projet Acme", "Acme", 2, 4, row=2)
    assert problem.participants[0].wishes == ("P1", "P2")
    assert problem.participants[1].wishes == ()
    assert problem.weights == () and problem.warnings == ()


def test_programme_defaults_and_settings(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Programme"] = [["Paramètre", "Valeur"], ["Nom", "P"], ["Début", "2026-11-02"],
                           ["Heures max par jour", "5,5"], ["Jours", "lun mar jeu"], ["Lieu", "Nancy"],
                           ["Jours fériés", "fr-57"], ["Fuseau horaire", "europe/paris"]]
    programme = load_sheets(tmp_path, sheets).programme
    assert programme == domain.Programme("P", dt.date(2026, 11, 2), weekdays=(0, 1, 3), max_minutes_per_day=330,
                                         location="Nancy", holidays="FR-57", timezone="Europe/Paris")


@pytest.mark.parametrize("typed", ["aucun", "None", None])
def test_no_public_holidays(tmp_path: Path, typed: object) -> None:
    sheets = valid_sheets()
    set_setting(sheets, "Jours fériés", typed)
    assert load_sheets(tmp_path, sheets).programme.holidays == ""


def test_programme_label_defaults_match_domain() -> None:
    """The defaults the template shows are the ones the domain applies."""
    programme = domain.Programme("x", dt.date(2026, 1, 5))
    assert cells.parse_weekdays(PROGRAMME_KEYS["days"].default) == programme.weekdays
    assert cells.parse_time_range(PROGRAMME_KEYS["morning"].default) == programme.morning
    assert cells.parse_time_range(PROGRAMME_KEYS["afternoon"].default) == programme.afternoon
    assert int(PROGRAMME_KEYS["weeks"].default) == programme.weeks
    assert int(PROGRAMME_KEYS["max_hours_per_day"].default) * 60 == programme.max_minutes_per_day
    assert PROGRAMME_KEYS["holidays"].default == programme.holidays


def test_labels_match_loosely() -> None:
    assert find(SHEETS, "disponibilites") == "availability"
    assert find(SHEETS, " EVENTS ") == "events"
    assert find(COLUMNS["offers"], "DURATION_H") == "duration_h"
    assert find(COLUMNS["offers"], "durée(h)") == "duration_h"
    assert find(COLUMNS["participants"], "voeu 2") == "wish_2"
    assert find(PROGRAMME_KEYS, "apres midi") == "afternoon"


def test_english_workbook_with_text_cells(tmp_path: Path) -> None:
    sheets: Sheets = {
        "programme": [["parameter", "value"], ["name", "Cohort"], ["start_date", "02/11/2026"],
                      ["slot_minutes", 15], ["holidays", "none"]],
        "Themes": [["theme", "colour"], ["Web", None]],
        "ORGANISATIONS": [["Organisation", "Type"], ["Acme", "Company"], ["Town", "local authority"],
                          ["School", "Training organisation"]],
        "Speakers": [["speaker", "organisation", "max_sessions"], ["Ann", "acme", 2]],
        "Offers": [["id", "speaker", "title", "theme", "format", "duration_h", "count", "required"],
                   [12, "ann", "Intro", "web", "workshop", "1,5", "2", "yes"],
                   ["C1", "Ann", "Talk", "Web", "Conference", "1,25", None, "no"]],
        "Availability": [["speaker", "date", "weekday", "start", "end", "from", "to", "preference"],
                         ["Ann", "2026-11-03", None, "9:00", "14h30", None, None, "preferred"],
                         ["Ann", None, "Thursday", None, None, "02/11/2026", "2026-12-18", None]],
        "Events": [["title", "weekday", "start", "end", "audience"], ["Review", "fri", "16h", "17h", "Cohort"]],
    }
    problem = load_sheets(tmp_path, sheets)
    assert problem.programme.start_date == dt.date(2026, 11, 2) and problem.programme.holidays == ""
    assert [o.kind for o in problem.organisations] == [domain.COMPANY, domain.LOCAL_AUTHORITY, domain.TRAINING_BODY]
    offer = problem.offer("12")
    assert (offer.speaker, offer.theme, offer.format, offer.duration_minutes, offer.count, offer.required) == \
        ("Ann", "Web", domain.WORKSHOP, 90, 2, True)
    assert problem.offer("C1").duration_minutes == 75  # on the 15-minute grid
    first, second = problem.windows
    assert (first.date, first.start, first.end, first.preferred) == (dt.date(2026, 11, 3), 540, 870, True)
    assert (second.weekday, second.start, second.end) == (3, None, None)
    assert (second.first, second.last) == (dt.date(2026, 11, 2), dt.date(2026, 12, 18))
    assert problem.events[0].weekday == 4 and problem.events[0].audience == domain.COHORT
    assert problem.closures == () and problem.projects == () and problem.participants == ()


def test_header_below_blank_rows_unknown_columns_and_empty_rows(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Thèmes"] = [[None, None, None], [None, None, None], ["Thème", "Commentaire", "Couleur"],
                        ["Web", "x", None], [None, None, None], ["Data", None, "2CA02C"]]
    problem = load_sheets(tmp_path, sheets)
    assert [(t.name, t.row) for t in problem.themes] == [("Web", 4), ("Data", 6)]


def test_formula_without_cached_value_reads_as_empty(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Interventions", 3, "Séances", "=1+1")
    assert load_sheets(tmp_path, sheets).offer("I2").count == 1


def test_references_match_loosely_and_keep_the_defining_spelling(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Interventions", 2, "Intervenant", "lea dupont")
    set_cell(sheets, "Interventions", 4, "Projet", "p1")
    offers = load_sheets(tmp_path, sheets).offers
    assert offers[0].speaker == "Léa Dupont" and offers[2].project == "P1"


def test_offer_phases_and_formats(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Interventions", 2, "Phase", "Phase 2")
    set_cell(sheets, "Interventions", 3, "Format", "coaching")
    set_cell(sheets, "Interventions", 4, "Format", "Mentoring")
    offers = load_sheets(tmp_path, sheets).offers
    assert [(o.format, o.phase) for o in offers] == [(domain.CONFERENCE, 2), (domain.COACHING, None),
                                                     (domain.MENTORING, 2)]


def test_availability_with_date_and_weekday_uses_the_date(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Disponibilités", 2, "Jour", "lundi")
    window = load_sheets(tmp_path, sheets).windows[0]
    assert (window.date, window.weekday) == (dt.date(2026, 11, 3), None)


def test_weights_sheet(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Poids"] = [["Règle", "Poids"], ["Même thème deux fois le même jour", 5], ["theme_weeks_missed", "0"]]
    assert load_sheets(tmp_path, sheets).weights == (("Même thème deux fois le même jour", 5),
                                                     ("theme_weeks_missed", 0))


def test_speaker_without_window_is_a_warning(tmp_path: Path) -> None:
    sheets = valid_sheets()
    del sheets["Disponibilités"][2]
    sheets["Programme"].append(["Couleur du ciel", "bleu"])
    warnings = load_sheets(tmp_path, sheets).warnings
    assert len(warnings) == 2
    assert "Couleur du ciel" in warnings[0]
    assert "Marc Petit" in warnings[1] and "I2" in warnings[1]


# --- mistakes -----------------------------------------------------------------------------------

def test_missing_sheet(tmp_path: Path) -> None:
    sheets = valid_sheets()
    del sheets["Thèmes"]
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Thèmes", None, None)]  # offers' themes are not reported as unknown


def test_missing_required_column(tmp_path: Path) -> None:
    sheets = valid_sheets()
    for row in sheets["Intervenants"]:
        del row[1]
    assert where(errors_of(tmp_path, sheets)) == [("Intervenants", None, "Organisation")]


def test_unknown_speaker(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Interventions", 3, "Intervenant", "Marc Durand")
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Interventions", 3, "Intervenant")]
    assert errors[0].value == "Marc Durand" and "Intervenants" in errors[0].message.fr


def test_duplicate_offer_id(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Interventions", 4, "ID", "i1")
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Interventions", 4, "ID")]
    assert "ligne 2" in errors[0].message.fr and "row 2" in errors[0].message.en


@pytest.mark.parametrize("duration, hint", [(5, "entre 1 et 4"), ("1,25", "multiple"), (0.5, "entre 1 et 4"),
                                            (4, "demi-journée"), ("deux", "nombre")])
def test_bad_durations(tmp_path: Path, duration: object, hint: str) -> None:
    sheets = valid_sheets()
    sheets["Programme"].append(["Après-midi", "13:30-17:00"])  # the longest half-day is then 3,5 h
    set_cell(sheets, "Interventions", 3, "Durée (h)", duration)
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Interventions", 3, "Durée (h)")]
    assert hint in errors[0].message.fr


def test_nonexistent_dates(tmp_path: Path) -> None:
    sheets = valid_sheets()
    row = set_setting(sheets, "Début", "31/02/2027")
    set_cell(sheets, "Disponibilités", 2, "Date", "2027-02-31")
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Programme", row, "Valeur"), ("Disponibilités", 2, "Date")]
    assert "n'existe pas" in errors[0].message.fr


@pytest.mark.parametrize("content", [b"ID;Titre\nI1;Conf\n", b"", b"PK\x03\x04 broken zip"])
def test_file_that_is_not_a_workbook(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "offres.xlsx"
    path.write_bytes(content)
    with pytest.raises(InvalidWorkbook) as raised:
        load(path)
    assert where(raised.value.errors) == [("offres.xlsx", None, None)]
    assert ".xlsx" in raised.value.errors[0].message.fr


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path in (tmp_path / "absent.xlsx", tmp_path):
        with pytest.raises(InvalidWorkbook) as raised:
            load(path)
        assert len(raised.value.errors) == 1 and raised.value.errors[0].sheet == path.name


def test_empty_workbook(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, {"Feuille1": [[None]]})
    assert where(errors) == [(SHEETS[s].fr, None, None) for s in
                             ("programme", "themes", "organisations", "speakers", "offers", "availability")]


def test_empty_required_sheet(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Thèmes"] = []
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Thèmes", None, None)]


def test_several_mistakes_give_one_error_each(tmp_path: Path) -> None:
    sheets = valid_sheets()
    weeks_row = set_setting(sheets, "Semaines", 1e12)
    set_cell(sheets, "Thèmes", 3, "Couleur", "orange")
    set_cell(sheets, "Organisations", 3, "Type", "Startup")
    set_cell(sheets, "Intervenants", 3, "Max séances", 0)
    set_cell(sheets, "Interventions", 2, "Thème", "Cyber")
    set_cell(sheets, "Interventions", 3, "Format", "Webinaire")
    set_cell(sheets, "Interventions", 4, "Projet", None)
    set_cell(sheets, "Disponibilités", 3, "Fin", "13h")
    set_cell(sheets, "Fermetures", 2, "Au", dt.datetime(2026, 12, 1))
    set_cell(sheets, "Événements", 3, "Public", "P9")
    set_cell(sheets, "Projets", 2, "Taille max", 1)
    set_cell(sheets, "Participants", 2, "Vœu 2", "P1")
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [
        ("Programme", weeks_row, "Valeur"),
        ("Thèmes", 3, "Couleur"),
        ("Organisations", 3, "Type"),
        ("Intervenants", 3, "Max séances"),
        ("Interventions", 2, "Thème"),
        ("Interventions", 3, "Format"),
        ("Interventions", 4, "Projet"),
        ("Disponibilités", 3, "Fin"),
        ("Fermetures", 2, "Au"),
        ("Événements", 3, "Public"),
        ("Projets", 2, "Taille max"),
        ("Participants", 2, "Vœu 2"),
    ]
    assert "entre 1 et 52" in errors[0].message.fr
    assert all(e.message.fr and e.message.en for e in errors)


def test_error_holds_the_value_found(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Organisations", 2, "Type", "Startup")
    error = errors_of(tmp_path, sheets)[0]
    assert error.value == "Startup" and "Entreprise" in error.message.fr and "Company" in error.message.en


@pytest.mark.parametrize("setting, value", [
    ("Semaines", 0), ("Semaines phase 1", 13), ("Pas (min)", 7), ("Heures max par jour", 30),
    ("Matin", "09:00-14:00"), ("Matin", "9h-midi"), ("Jours fériés", "FR-99"), ("Fuseau horaire", "Europe/Nancy"),
    ("Jours", "lun mar férié"), ("Séances max par organisation", -1), ("Début", None),
])
def test_bad_programme_settings(tmp_path: Path, setting: str, value: object) -> None:
    sheets = valid_sheets()
    row = set_setting(sheets, setting, value)
    assert where(errors_of(tmp_path, sheets)) == [("Programme", row, "Valeur")]


def test_slot_that_does_not_fit_the_default_half_days(tmp_path: Path) -> None:
    sheets = valid_sheets()
    row = set_setting(sheets, "Pas (min)", 60)
    set_cell(sheets, "Interventions", 3, "Durée (h)", 2)
    errors = errors_of(tmp_path, sheets)
    assert {(e.sheet, e.row, e.column) for e in errors} == {("Programme", row, "Valeur")}


def test_missing_and_repeated_settings(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Programme"] = [["Paramètre", "Valeur"], ["Nom", "A"], ["nom", "B"]]
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Programme", None, "Paramètre"), ("Programme", 3, "Paramètre")]
    assert errors[0].value == "Début"


def test_mentoring_and_project_mistakes(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Interventions", 2, "Projet", "P1")  # on a conference
    set_cell(sheets, "Interventions", 4, "Projet", "P7")  # unknown
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Interventions", 2, "Projet"), ("Interventions", 4, "Projet")]


def test_availability_mistakes(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Disponibilités", 2, "Date", None)
    set_cell(sheets, "Disponibilités", 3, "Du", "2026-12-01")
    set_cell(sheets, "Disponibilités", 3, "Au", "2026-11-01")
    set_cell(sheets, "Disponibilités", 3, "Préférence", "peut-être")
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Disponibilités", 2, "Date"), ("Disponibilités", 3, "Au"),
                             ("Disponibilités", 3, "Préférence")]


def test_duplicates_in_every_keyed_sheet(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Thèmes"].append(["web", None, None])
    sheets["Organisations"].append(["ACME", "Autre"])
    sheets["Intervenants"].append(["Lea Dupont", "Acme", None, None])
    sheets["Projets"].append(["P2", "Encore", "Acme", None, None])
    sheets["Participants"].append(["Ana Martin", None, "P1", None, None])
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Thèmes", 4, "Thème"), ("Organisations", 4, "Organisation"),
                             ("Intervenants", 4, "Intervenant"), ("Projets", 4, "ID"),
                             ("Participants", 4, "Participant")]


def test_required_cell_left_empty(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Interventions", 2, "Titre", "  ")
    set_cell(sheets, "Événements", 2, "Début", None)
    errors = errors_of(tmp_path, sheets)
    assert where(errors) == [("Interventions", 2, "Titre"), ("Événements", 2, "Début")]


# --- garbage never crashes ------------------------------------------------------------------------

GARBAGE = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["", " ", "=1/0", "=A1", "#N/A", "1e400", "-1", "0", "12:70", "31/02/2027", "P1", "lundi",
                     "oui", "Phase 3", "1,5", "9h-8h", "FR-XX", "Cohorte", "Acme"]),
    st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
)
SHEET_NAMES = sorted(valid_sheets())


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SHEET_NAMES), st.integers(0, 6), st.integers(0, 11), GARBAGE),
                min_size=1, max_size=8))
def test_garbage_cells_give_a_problem_or_invalid_workbook(changes: list[tuple[str, int, int, object]]) -> None:
    sheets = valid_sheets()
    for sheet, row, column, value in changes:
        rows = sheets[sheet]
        while len(rows) <= row:
            rows.append([None] * len(rows[0]))
        while len(rows[row]) <= column:
            rows[row].append(None)
        rows[row][column] = value
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "garbage.xlsx", sheets)
        try:
            assert isinstance(load(path), domain.Problem)
        except InvalidWorkbook as invalid:
            assert invalid.errors and all(isinstance(e, InputError) for e in invalid.errors)


def test_a_wish_after_an_empty_one_is_a_warning_saying_how_it_counts(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Participants"][2] = ["Bob Leroy", None, None, "P2", None]
    problem = load_sheets(tmp_path, sheets)
    bob = next(p for p in problem.participants if p.name == "Bob Leroy")
    assert bob.wishes == ("P2",)
    [warning] = problem.warnings
    assert "Vœu 2" in warning and "vœu 1" in warning
