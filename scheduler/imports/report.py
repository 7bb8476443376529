"""What `scheduler import` prints: the problems, located, then what was added, per speaker."""
from __future__ import annotations

from scheduler.imports.importing import ImportReport


def report_lines(report: ImportReport, lang: str = "fr") -> list[tuple[str, bool]]:
    """(line, goes to the error stream) in the order to print them."""
    en = lang == "en"
    lines: list[tuple[str, bool]] = []
    if report.issues:
        count = len(report.issues)
        lines.append((f"{count} problem(s), rows not imported:" if en else f"{count} problème(s), lignes non importées :",
                      True))
        lines.extend((f"- {issue.render(lang)}", True) for issue in report.issues)
    for warning in report.warnings:
        lines.append((("warning: " if en else "attention : ") + warning.render(lang), True))
    if report.invalid is not None:
        return lines
    if not report.written:
        lines.append(("Nothing could be imported: nothing was written." if en
                      else "Rien n'a pu être importé : aucun fichier écrit.", True))
        return lines
    added = sum(report.windows.values())
    lines.append((f"{report.out.name}: {added} availability window(s) added, {len(report.speakers)} speaker(s), "
                  f"{len(report.offers)} offer(s); {report.already_present} row(s) already present." if en else
                  f"{report.out.name} : {added} disponibilité(s) ajoutée(s), {len(report.speakers)} intervenant(s), "
                  f"{len(report.offers)} intervention(s) ; {report.already_present} ligne(s) déjà présente(s).", False))
    for speaker, count in sorted(report.windows.items()):
        lines.append((f"  {speaker}: {count} window(s)" if en else f"  {speaker} : {count} disponibilité(s)", False))
    if report.speakers:
        lines.append((("  new speakers: " if en else "  nouveaux intervenants : ") + ", ".join(report.speakers), False))
    if report.offers:
        lines.append((("  new offers: " if en else "  nouvelles interventions : ") + ", ".join(report.offers), False))
    lines.append(("Check it with 'scheduler check " + report.out.name + " --lang en'." if en else
                  f"Vérifiez-le avec « scheduler check {report.out.name} ».", False))
    return lines
