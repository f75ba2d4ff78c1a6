#!/usr/bin/env python3
"""Screenshots of the web application's main pages, for a look at their layout.

Builds a demo registry in a temporary folder (the demo dataset, the fast classifier's suggested
tags, one administrator), serves it with ``liaison serve`` on a loopback port and saves a PNG of
each page, as seen in Debian's headless Chromium at 1280 pixels wide, into the output folder.
Pages that answer 404 (not built yet) are skipped and named.

    .venv/bin/python scripts/screenshots.py [--out out/screenshots]
"""

from __future__ import annotations

import argparse
import base64
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium.webdriver.chrome.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from tests.e2e.browser import LIAISON, WIDTH, new_browser, start_server  # noqa: E402

from liaison import access  # noqa: E402
from liaison.storage.database import Database  # noqa: E402

USERNAME, PASSWORD = "screens", "violet harbour lanterns 42"
MAX_HEIGHT = 4000
SIGNED_IN_PAGES = {
    "dashboard": "/",
    "events": "/events",
    "event": "/events/wha70",
    "organization-itu": "/organizations/itu",
    "search": "/search?q=broadband",
    "calendar": "/events/calendar",
    "timeline": "/events/timeline",
    "coverage": "/coverage",
    "network": "/network",
    "jiu-follow-up": "/jiu",
    "jiu-follow-up-2017": "/jiu?as_at=2017-12",
    "jiu-recommendation": "/jiu_recommendations/jiu-rep-2016-1-rec-176",
    "candidates": "/candidates",
    "review-queue": "/tags/review",
    "report-form": "/report",
    "event-form": "/events/new",
}


def build_registry(folder: Path) -> str:
    url = f"sqlite:///{folder / 'demo.db'}"
    for command in (["demo"], ["classify", "--records", "--mode", "fast"]):
        subprocess.run(
            [str(LIAISON), "--database", url, *command], check=True, stdout=subprocess.DEVNULL
        )
    database = Database(url)
    with database.session(actor="screenshots", write=True) as session:
        access.create_user(session, USERNAME, PASSWORD, "admin")
    database.dispose()
    return url


def status_of(url: str, session_cookie: str | None) -> int:
    request = urllib.request.Request(url)
    if session_cookie:
        request.add_header("Cookie", f"liaison_session={session_cookie}")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            status: int = answer.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


def save_page(driver: WebDriver, target: Path) -> None:
    """The whole page (up to MAX_HEIGHT pixels), not only the window."""
    height = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]["height"]
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": min(height, MAX_HEIGHT), "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    target.write_bytes(base64.b64decode(shot["data"]))


def sign_in(driver: WebDriver, base: str) -> None:
    driver.get(f"{base}/login")
    driver.find_element(By.NAME, "username").send_keys(USERNAME)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    if driver.get_cookie("liaison_session") is None:
        raise SystemExit("could not sign in: " + driver.current_url)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("out/screenshots"))
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="liaison-screens-") as temp:
        folder = Path(temp)
        server = start_server(build_registry(folder))
        (folder / "downloads").mkdir()
        driver = new_browser(folder / "downloads", folder / "profile")
        try:
            driver.get(f"{server.base}/login")
            save_page(driver, out / "sign-in.png")
            written, skipped = ["sign-in"], []
            sign_in(driver, server.base)
            cookie = (driver.get_cookie("liaison_session") or {}).get("value")
            for name, path in SIGNED_IN_PAGES.items():
                if status_of(server.base + path, cookie) == 404:
                    skipped.append(f"{name} ({path})")
                    continue
                driver.get(server.base + path)
                save_page(driver, out / f"{name}.png")
                written.append(name)
        finally:
            driver.quit()
            server.stop()
    print(f"Wrote {len(written)} screenshots to {out}: {', '.join(written)}")
    if skipped:
        print(f"Skipped (404): {', '.join(skipped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
