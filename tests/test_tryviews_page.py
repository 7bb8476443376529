"""planning.html on a wide screen as a coordinator reads it: a block too short for all its lines
hides the last ones whole, never a line cut across its letters (seen on 1 h sessions with a long
speaker line, week 2 of the Nancy example)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from test_page_screens import CHROMIUM, chromium

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" src="planning.html" style="border:0;width:1400px;height:2000px"></iframe>
<script>
document.getElementById("page").addEventListener("load", (event) => {
  const view = event.target.contentWindow, document_ = view.document;
  const cut = [];
  let blocks = 0;
  for (const room of document_.querySelectorAll("td.block div.in")) {
    if (room.offsetParent === null) continue;
    blocks += 1;
    const bottom = room.getBoundingClientRect().bottom;
    for (const line of room.children) {
      const box = line.getBoundingClientRect();
      const height = parseFloat(view.getComputedStyle(line).lineHeight);
      if (box.top < bottom - 1 && box.bottom > bottom + 1) {
        const shown = (bottom - box.top) / height;
        if (Math.abs(shown - Math.round(shown)) > 0.1) cut.push(line.textContent + " " + shown.toFixed(2));
      }
    }
  }
  document.body.setAttribute("data-metrics", JSON.stringify({blocks, cut}));
});
</script></body></html>"""


def test_on_a_wide_screen_no_line_of_a_block_is_cut_across(nancy_plan: Path, tmp_path: Path) -> None:
    shutil.copy(nancy_plan / "planning.html", tmp_path / "planning.html")
    probe = tmp_path / "probe.html"
    probe.write_text(PROBE, encoding="utf-8")
    dom = chromium(tmp_path / "profile", "--window-size=1500,2100", "--virtual-time-budget=5000", "--dump-dom",
                   probe.as_uri())
    found = re.search(r'data-metrics="([^"]*)"', dom)
    assert found, dom[-500:]
    metrics = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert metrics["blocks"] > 50 and metrics["cut"] == []
