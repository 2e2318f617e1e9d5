"""Printing a self-contained HTML file to PDF with a headless Chromium-family browser.

Chromium, Google Chrome and Microsoft Edge all print to PDF from the command line
(``--headless --print-to-pdf``) exactly as they print from their Print dialog, so the PDF
looks like the page a teacher would print themselves. Nothing here needs the network: the
HTML has no external files, the browser gets a fresh profile in a temporary folder, and
the flags turn off its background networking and make every host name fail to resolve.

``find_browser()`` looks on PATH and in the usual install folders on Windows and macOS;
``print_to_pdf(browser, html, pdf)`` runs it once with a time limit and raises
``PrintFailed`` (one sentence) when no PDF comes out.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

TIMEOUT_S = 60.0  # a pack prints in about a second; a slow school laptop gets plenty of room

# Names on PATH, most specific first.
PATH_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge",
              "microsoft-edge-stable", "msedge", "chrome")

_MAC_APPS = ("Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium",
             "Microsoft Edge.app/Contents/MacOS/Microsoft Edge")
_WINDOWS_APPS = (r"Google\Chrome\Application\chrome.exe", r"Chromium\Application\chrome.exe",
                 r"Microsoft\Edge\Application\msedge.exe")

# Keep the browser off the network and quiet: no updates, sync, metrics, crash reports or
# first-run pages, and no host name resolves (the pack is one file:// page with inline CSS).
QUIET_FLAGS = (
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--disable-breakpad", "--disable-crash-reporter",
    "--metrics-recording-only", "--no-first-run", "--no-default-browser-check", "--no-service-autorun",
    "--no-pings", "--safebrowsing-disable-auto-update", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--mute-audio", "--hide-scrollbars",
)


class PrintFailed(Exception):
    """The browser ran but no PDF came out: the message is one sentence for the teacher."""


def install_paths(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Where the browsers usually live on Windows and macOS (Linux puts them on PATH)."""
    if platform == "darwin":
        roots = [Path("/Applications"), Path.home() / "Applications"]
        return [root / app for root in roots for app in _MAC_APPS]
    if platform == "win32":
        roots = [environ.get(k) for k in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        return [Path(root) / app for app in _WINDOWS_APPS for root in roots if root]
    return []


def find_browser(path: str | None = None, extra: Iterable[Path] | None = None) -> Path | None:
    """The first Chromium-family browser on PATH (or the ``path`` given), then in ``extra`` places."""
    for name in PATH_NAMES:
        found = shutil.which(name, path=path)
        if found:
            return Path(found)
    for candidate in install_paths() if extra is None else extra:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def command(browser: Path, html: Path, pdf: Path, profile: Path) -> list[str]:
    """The browser's command line that prints ``html`` to ``pdf`` using a fresh ``profile`` folder."""
    args = [str(browser), "--headless", "--disable-gpu", f"--user-data-dir={profile}", *QUIET_FLAGS,
            "--no-pdf-header-footer", "--print-to-pdf-no-header",  # the second for browsers before 2023
            f"--print-to-pdf={pdf}"]
    if _running_as_root():
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root (CI, containers)
    args.append(html.resolve().as_uri())
    return args


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def print_to_pdf(browser: Path, html: Path, pdf: Path, timeout: float = TIMEOUT_S) -> None:
    """Print ``html`` to ``pdf``; the PDF appears whole or not at all."""
    pdf = pdf.resolve()
    with tempfile.TemporaryDirectory(prefix="spot-the-signs-browser-", ignore_cleanup_errors=True) as profile:
        # The PDF is written beside its final place, then moved: a browser that stops half-way
        # leaves no half-written pack behind.
        # (Not a hidden name, and not in /tmp: a browser installed as a snap sees neither.)
        fd, partial_name = tempfile.mkstemp(prefix=f"{pdf.stem}-printing-", suffix=".pdf", dir=pdf.parent)
        os.close(fd)
        partial = Path(partial_name)
        try:
            _run(command(browser, html, partial, Path(profile)), timeout, pdf.name)
            with partial.open("rb") as f:
                if f.read(5) != b"%PDF-":
                    raise PrintFailed(f"{browser.name} did not print {pdf.name} (it wrote no PDF)")
            os.replace(partial, pdf)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()


def print_html_to_pdf(browser: Path, html_text: str, pdf: Path, timeout: float = TIMEOUT_S) -> None:
    """Print HTML given as text: it is written beside ``pdf`` for the browser to open, then removed."""
    fd, name = tempfile.mkstemp(prefix=f"{pdf.stem}-printing-", suffix=".html", dir=pdf.resolve().parent)
    html = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(html_text)
        print_to_pdf(browser, html, pdf, timeout)
    finally:
        with contextlib.suppress(FileNotFoundError):
            html.unlink()


def _run(args: list[str], timeout: float, name: str) -> None:
    browser = Path(args[0]).name
    popen_kw: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    if os.name == "posix":
        popen_kw["start_new_session"] = True  # so a timeout ends the browser's helper processes too
    try:
        proc = subprocess.Popen(args, **popen_kw)
    except OSError as exc:
        raise PrintFailed(f"{browser} could not be started to print {name} ({exc.strerror or exc})") from None
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise PrintFailed(f"{browser} took longer than {timeout:g} seconds to print {name}, so it was stopped") \
            from None
    if proc.returncode != 0:
        last = _last_line(err)
        said = f": {last}" if last else ""
        raise PrintFailed(f"{browser} could not print {name} (exit code {proc.returncode}{said})")


def _stop(proc: subprocess.Popen) -> None:
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()
    proc.communicate()


def _last_line(err: bytes | None) -> str:
    lines = [ln.strip() for ln in (err or b"").decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1][:200] if lines else ""
