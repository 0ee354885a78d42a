"""PDF and PNG of an HTML page, printed by headless Chromium (the system ``chromium``, or LYBL_CHROMIUM).

Nothing is fetched: the page is written to a temporary file and Chromium runs with networking
off. When no Chromium is installed the error says how to get one.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from lybl.errors import LyblError

#: A4 portrait in CSS pixels (96 per inch), drawn at 1.5x: a 1240 x 1754 image (150 dots per inch)
PNG_SIZE = (827, 1169)
PNG_SCALE = 1.5
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
        "--disable-extensions", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        "--run-all-compositor-stages-before-draw", "--virtual-time-budget=2000"]


class ExportUnavailable(LyblError):
    """No Chromium to print with, or it failed."""


def chromium() -> str | None:
    """The Chromium executable: LYBL_CHROMIUM, else chromium / chromium-browser / google-chrome on PATH."""
    configured = os.environ.get("LYBL_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def _run(html: str, flags: list[str], out_name: str, timeout: float) -> bytes:
    exe = chromium()
    if exe is None:
        raise ExportUnavailable(
            "PDF and PNG export need Chromium, which is not installed here: install it (Debian/Ubuntu: "
            "apt-get install chromium) or set LYBL_CHROMIUM to its path. The page itself prints from the "
            "browser (Ctrl+P).")
    with tempfile.TemporaryDirectory(prefix="lybl-export-") as tmp:
        page, out = Path(tmp) / "page.html", Path(tmp) / out_name
        page.write_text(html, encoding="utf-8")
        flags = [f.replace("{out}", str(out)) for f in flags]
        cmd = [exe, *ARGS, f"--user-data-dir={tmp}/profile", *flags, page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ExportUnavailable(f"Chromium ({exe}) could not print the page: {e}") from None
        if not out.exists() or out.stat().st_size == 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            raise ExportUnavailable(f"Chromium ({exe}) produced no file (exit {done.returncode}: {tail[0]})")
        return out.read_bytes()


def to_pdf(html: str, timeout: float = 60) -> bytes:
    """The page printed to PDF (A4 unless the page's @page rule says otherwise), without header or footer."""
    return _run(html, ["--no-pdf-header-footer", "--print-to-pdf={out}"], "page.pdf", timeout)


def to_png(html: str, size: tuple[int, int] = PNG_SIZE, timeout: float = 60) -> bytes:
    """A screenshot of the page's first ``size`` (width, height) CSS pixels, at PNG_SCALE."""
    return _run(html, [f"--window-size={size[0]},{size[1]}", f"--force-device-scale-factor={PNG_SCALE}",
                       "--screenshot={out}"], "page.png", timeout)


def _kaleido_chromium() -> str | None:
    """The Chromium kaleido should draw with (it reads BROWSER_PATH), or None."""
    exe = chromium()
    if exe:
        os.environ.setdefault("BROWSER_PATH", exe)
    return exe


def figure_image(figure, fmt: str = "png", width: int = 1100, height: int | None = None, scale: float = 2) -> bytes:
    """A Plotly figure as PNG or SVG, drawn by kaleido in the system Chromium (BROWSER_PATH is set to it)."""
    if _kaleido_chromium() is None:
        raise ExportUnavailable("Chart images need Chromium, which is not installed here: apt-get install chromium "
                                "or set LYBL_CHROMIUM to its path.")
    height = height or int(figure.layout.height or 420)
    return figure.to_image(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)


@contextlib.contextmanager
def image_server():
    """``with image_server():`` keeps one kaleido Chromium open while many figures are drawn (a board pack)."""
    import kaleido
    exe = _kaleido_chromium()
    if exe:
        kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        if exe:
            kaleido.stop_sync_server(silence_warnings=True)
