"""planning.html in headless Chromium (measured inside a frame of the given width, since a headless
window may not be narrower than 500 px): on a phone (390 px) nothing is wider than the screen and no
title is clipped; on a wide screen (1400 px) the time scale is even (every grid row the same height)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" src="planning.html" style="border:0;width:WIDTHpx;height:2000px"></iframe>
<script>
document.getElementById("page").addEventListener("load", (event) => {
  const view = event.target.contentWindow, document_ = view.document;
  const width = view.innerWidth;
  const visible = (e) => e.offsetParent !== null;
  const clipped = [...document_.querySelectorAll(".title")].filter(visible).filter((e) => {
    const box = e.getBoundingClientRect();
    const parent = e.closest("td.block div.in, li");
    const room = parent ? parent.getBoundingClientRect() : box;
    return box.right > width + 1 || box.left < -1 || box.bottom > room.bottom + 1 || e.scrollWidth > e.clientWidth + 1;
  }).map((e) => e.textContent);
  const rows = [...document_.querySelectorAll("table.grid tbody tr")].filter(visible)
    .map((r) => Math.round(r.getBoundingClientRect().height));
  const fonts = [...document_.querySelectorAll("td.block, div.agenda li")].filter(visible)
    .map((e) => parseFloat(view.getComputedStyle(e).fontSize));
  document.body.setAttribute("data-metrics", JSON.stringify({
    width, scroll: document_.documentElement.scrollWidth, clipped, rows,
    titles: [...document_.querySelectorAll(".title")].filter(visible).length, smallest: Math.min(...fonts)}));
});
</script></body></html>"""


def chromium(profile: Path, *arguments: str) -> str:
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
              "--allow-file-access-from-files",
              f"--user-data-dir={profile}"]
    return subprocess.run([*common, *arguments], capture_output=True, text=True, timeout=120).stdout


@pytest.fixture(scope="module")
def measured(nancy_plan: Path, tmp_path_factory) -> tuple[Path, dict[int, dict]]:
    folder = tmp_path_factory.mktemp("screens")
    shutil.copy(nancy_plan / "planning.html", folder / "planning.html")
    metrics = {}
    for width in (390, 1400):
        probe = folder / f"probe-{width}.html"
        probe.write_text(PROBE.replace("WIDTH", str(width)), encoding="utf-8")
        dom = chromium(folder / f"profile-{width}", "--window-size=1500,2100", "--virtual-time-budget=5000",
                       "--dump-dom", probe.as_uri())
        found = re.search(r'data-metrics="([^"]*)"', dom)
        assert found, dom[-500:]
        metrics[width] = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return nancy_plan / "planning.html", metrics


def test_on_a_phone_nothing_is_wider_than_the_screen_and_no_title_is_clipped(measured) -> None:
    _, metrics = measured
    phone = metrics[390]
    assert phone["width"] == 390 and phone["scroll"] <= 390, phone
    assert phone["titles"] > 50 and phone["clipped"] == [], phone["clipped"][:5]
    assert phone["smallest"] >= 14, "text a phone can read without zooming"


def test_on_a_wide_screen_the_time_scale_is_even(measured) -> None:
    _, metrics = measured
    wide = metrics[1400]
    assert wide["scroll"] <= 1400
    assert len(wide["rows"]) > 100 and max(wide["rows"]) - min(wide["rows"]) <= 1, sorted(set(wide["rows"]))
    assert wide["smallest"] >= 11
    assert wide["clipped"] == [], "every session's title shows whole in its block"


def test_screenshots_at_phone_and_desktop_widths(measured, tmp_path: Path) -> None:
    page, _ = measured
    for width in (390, 1400):
        shot = tmp_path / f"shot-{width}.png"
        chromium(tmp_path / f"profile-{width}", f"--window-size={width},1200", f"--screenshot={shot}", page.as_uri())
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width and data.count(b"IDAT") >= 1
        assert shot.stat().st_size > 20_000, "something was drawn"


def test_printed_weeks_fill_their_page_with_readable_text(measured, tmp_path: Path) -> None:
    page, _ = measured
    pdf = tmp_path / "page.pdf"
    chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils are needed to read the PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == 12, "one page per programme week"
    box = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', box).group(1))
    words = [(float(y_min), float(y_max)) for y_min, y_max in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', box)]
    assert max(y for _, y in words) > 0.8 * height, "the week uses the page, not two thirds of it"
    sizes = sorted(y_max - y_min for y_min, y_max in words)
    assert sizes[len(sizes) // 10] >= 8.0, "most text is at least 8 pt tall (line box)"
