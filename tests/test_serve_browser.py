"""``reader serve`` for real: the app in headless Chromium, read from xterm.js's buffer."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reader.cli import main
from reader.cli.serve import app_command
from reader.core.discovery import discover
from reader.core.export import to_markdown
from reader.core.loader import load_interview
from reader.core.model import Interview

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
TEXTUAL_JS = "**/static/js/textual.js"
TERMINAL_NEW = "this.terminal=new v.Terminal("
"""Where textual.js creates its xterm.js terminal; the test keeps a handle on it."""


def test_help_says_there_is_no_authentication_and_localhost_is_the_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--help"])
    assert exit_info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert text.startswith("usage: reader serve [-h] [--data-dir DIR] [--host HOST] [--port PORT]")
    assert "There is NO authentication" in text
    assert "--host HOST address to listen on (default: 127.0.0.1;" in text


def test_app_command_runs_this_interpreter_on_quoted_absolute_paths(tmp_path: Path) -> None:
    odd = tmp_path / "my transcripts; rm -rf ~"
    assert shlex.split(app_command([str(odd), "rel"])) == [
        sys.executable,
        "-m",
        "reader",
        str(odd),
        str(Path("rel").absolute()),
    ]


def test_missing_path_is_a_one_line_error_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == f"reader: {tmp_path}/nope: no such file or folder\n"


def test_taken_port_is_a_one_line_error_before_serving(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        f"reader: cannot listen on 127.0.0.1:{port} (Address already in use)\n",
    )


def test_unknown_host_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "no-such-host.invalid"]) == 1
    assert capsys.readouterr().err.startswith(
        "reader: cannot listen on no-such-host.invalid:8000 ("
    )


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_port_must_be_a_port_number(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", port])
    assert exit_info.value.code == 2
    assert f"argument --port: '{port}' is not a port number (1-65535)" in capsys.readouterr().err


def _seed_titled(folder: Path, title: str) -> Interview:
    files, _errors = discover([folder])
    return next(i for i in map(load_interview, files) if i.title == title)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, server: subprocess.Popen[bytes], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"reader serve exited early with status {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"reader serve did not listen on port {port} within {timeout} s")


@pytest.fixture
def served(seeds_dir: Path) -> Iterator[str]:
    """``reader serve`` on the bundled corpus, on a free loopback port; its URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--port", str(port), str(seeds_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        _reap_group(server.pid)


def _reap_group(pgid: int) -> None:
    """SIGKILL whatever is left in the server's process group (the app it started)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture
def chromium() -> Path:
    """Debian's Chromium: skipped when absent outside CI, a failure in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


class Screen:
    """The served app's terminal, read from xterm.js's buffer."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def text(self) -> str:
        return str(
            self.page.evaluate(
                """() => {
                    const buffer = window.__term.buffer.active;
                    const lines = [];
                    for (let i = 0; i < window.__term.rows; i++) {
                        lines.push(buffer.getLine(i).translateToString(true));
                    }
                    return lines.join("\\n");
                }"""
            )
        )

    def wait_for(self, *needles: str, pattern: str = "", timeout: float = 15) -> str:
        """The screen once it shows every needle (and a line matching ``pattern``)."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            matched = not pattern or re.search(pattern, text, re.MULTILINE)
            if matched and all(needle in text for needle in needles):
                return text
            time.sleep(0.2)
        missing = [needle for needle in (*needles, pattern) if needle and needle not in text]
        pytest.fail(f"never saw {missing} on screen; last screen:\n{text}")


@pytest.mark.slow
def test_served_app_renders_three_panes_searches_and_exports(
    chromium: Path, served: str, seeds_dir: Path
) -> None:
    from playwright.sync_api import Route, sync_playwright

    downloads: list[tuple[str, str]] = []

    def keep_download(route: Route) -> None:
        response = route.fetch()
        downloads.append((response.headers["content-disposition"], response.text()))
        route.fulfill(response=response)

    def keep_terminal(route: Route) -> None:
        body = route.fetch().text()
        assert TERMINAL_NEW in body, "textual.js changed: update TERMINAL_NEW"
        patched = body.replace(TERMINAL_NEW, "this.terminal=window.__term=new v.Terminal(", 1)
        route.fulfill(body=patched, content_type="application/javascript")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route(TEXTUAL_JS, keep_terminal)
            page.context.route("**/download/**", keep_download)
            page.goto(served)
            page.wait_for_function("() => window.__term !== undefined", timeout=10_000)
            screen = Screen(page)
            screen.wait_for(
                "Filter interviews…",  # the interview list ...
                "Interview With Askar Ali…",  # (an entry's title is one line, cut)
                "Interview With Maria Kosygina of Vremya Newspaper",  # ... the conversation ...
                "Mr. Ordway has stated Kazakhstan",
                "Search (/) e.g. cold war",  # ... and the search sidebar
            )
            page.focus(".xterm-helper-textarea")
            page.keyboard.press("/")
            page.wait_for_timeout(300)
            page.keyboard.type("Kazakhstan OSCE")
            # The query's own results, not those of a prefix typed on the way:
            screen.wait_for(
                "Kazakhstan OSCE",
                "Vremya Newspaper · Maria Kosygina",
                pattern=r"\b[1-9]\d* results\s*$",
            )

            page.keyboard.press("Escape")
            page.keyboard.press("Control+p")
            page.wait_for_timeout(300)
            page.keyboard.type("as markdown")
            screen.wait_for("Export interview as Markdown")
            page.keyboard.press("Enter")
            deadline = time.monotonic() + 10
            while not downloads and time.monotonic() < deadline:
                page.wait_for_timeout(100)
        finally:
            browser.close()
    [(disposition, body)] = downloads
    shown = _seed_titled(seeds_dir, "Interview With Maria Kosygina of Vremya Newspaper")
    assert shown.source is not None
    assert disposition == f"attachment; filename={shown.source.stem}.md"
    assert body == to_markdown(shown)
