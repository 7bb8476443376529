"""Reading calendar summaries back to the `Planning` title they decorate."""
from __future__ import annotations

import re

_DECORATION = re.compile(r"( « [^»]*»| '[^']*')?( \(\d+/\d+\))?$")


def plain_title(summary: object) -> str:
    """The `Planning` title under a calendar summary: without the project's « title » nor '(n/N)'."""
    return _DECORATION.sub("", str(summary), count=1)
