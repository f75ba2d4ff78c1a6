"""Debian's headless Chromium driven by Selenium, and a real ``liaison serve`` to point it at.

Shared by the end-to-end tests and ``scripts/screenshots.py``. Selenium is given the browser and
its driver explicitly, and runs offline, so Selenium Manager never downloads anything.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
LIAISON = Path(sys.executable).with_name("liaison")
WIDTH, HEIGHT = 1280, 1000
SETUP_LINK = re.compile(r"(https?://\S+/setup\?token=\S+)")


def new_browser(downloads: Path, profile: Path) -> webdriver.Chrome:
    """A headless Chromium with a fresh profile in ``profile`` that saves downloads into
    ``downloads``."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            raise RuntimeError(f"{program} is missing: scripts/test-tools.sh installs it")
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
        },
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    return driver


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A ``liaison serve`` process on a loopback port; ``output`` collects what it prints."""

    process: subprocess.Popen[str]
    base: str
    output: list[str] = field(default_factory=list)

    def setup_path(self, timeout: float = 10) -> str:
        """The path (with its token) of the one-time link the server printed, if it did."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.output:
                found = SETUP_LINK.search(line)
                if found:
                    link = urlsplit(found.group(1))
                    token = parse_qs(link.query)["token"][0]
                    return f"/setup?token={token}"
            time.sleep(0.05)
        raise AssertionError("the server printed no set-up link:\n" + "".join(self.output))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(database_url: str, timeout: float = 30) -> Server:
    """Start ``liaison serve`` on ``database_url`` and wait until its port answers."""
    port = free_port()
    command = [str(LIAISON), "--database", database_url, "serve"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    server = Server(process, f"http://127.0.0.1:{port}")
    reader = threading.Thread(target=_collect, args=(process, server.output), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            reader.join(timeout=2)
            raise RuntimeError("liaison serve stopped:\n" + "".join(server.output))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"liaison serve did not answer on port {port} in {timeout} s")


def _collect(process: subprocess.Popen[str], lines: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
