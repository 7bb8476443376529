"""The core: domain, programme calendar, candidates, text. Imports no openpyxl, icalendar, ortools, typer or pandas."""
