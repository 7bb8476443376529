"""What `scheduler import` prints: the problems, located, then what was added, per speaker."""
from __future__ import annotations

from scheduler.core.words import count_word, word
from scheduler.imports.importing import ImportReport


def report_lines(report: ImportReport, lang: str = "fr") -> list[tuple[str, bool]]:
    """(line, goes to the error stream) in the order to print them."""
    lines: list[tuple[str, bool]] = []
    if report.issues:
        lines.append((count_word("import.problems", len(report.issues), lang), True))
        lines.extend((f"- {issue.render(lang)}", True) for issue in report.issues)
    for warning in report.warnings:
        lines.append((word("import.warning", lang, text=warning.render(lang)), True))
    if report.invalid is not None:
        return lines
    if not report.written:
        lines.append((word("import.nothing", lang), True))
        return lines
    added = sum(report.windows.values())
    lines.append((word("import.summary", lang, file=report.out.name,
                       windows=count_word("import.windows_added", added, lang),
                       speakers=count_word("import.speakers", len(report.speakers), lang),
                       offers=count_word("import.offers", len(report.offers), lang),
                       rows=count_word("import.present", report.already_present, lang)), False))
    for speaker, count in sorted(report.windows.items()):
        lines.append((word("import.speaker_windows", lang, speaker=speaker,
                           windows=count_word("import.windows", count, lang)), False))
    if report.speakers:
        lines.append((word("import.new_speakers", lang, names=", ".join(report.speakers)), False))
    if report.offers:
        lines.append((word("import.new_offers", lang, names=", ".join(report.offers)), False))
    lines.append((word("import.check_it", lang, file=report.out.name), False))
    return lines
