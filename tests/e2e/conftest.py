"""End-to-end fixtures: one headless Chromium per test session, a real server per test.

Each test gets a ``liaison serve`` process on its own copy of the demo database (on every
backend of ``tests/conftest.py``), with one suggested tag to review, and the browser with an
empty cookie jar, an empty console log and an empty download folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver

from liaison import access
from liaison.model import Tag
from liaison.storage.database import Database
from tests.e2e.browser import Server, new_browser, start_server
from tests.e2e.site import PASSWORD, SUGGESTED, ServeDemo, Site, browser_log


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: end-to-end tests in headless Chromium (deselect with -m 'not e2e')"
    )


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    driver = new_browser(downloads, tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture
def serve_demo(demo_db_url: str, browser: WebDriver, downloads: Path) -> Iterator[ServeDemo]:
    """Start the server on the demo registry, with these accounts (``{name: role}``)."""
    servers: list[Server] = []

    def serve(accounts: dict[str, str] | None = None) -> Site:
        database = Database(demo_db_url)
        with database.session(actor="tests", write=True) as session:
            record_id, taxon_id = SUGGESTED
            session.add(
                Tag(
                    record_id=record_id,
                    taxon_id=taxon_id,
                    state="suggested",
                    score=0.81,
                    suggested_by="tests",
                    evidence="Internet governance and broadband infrastructure",
                )
            )
            for username, role in (accounts or {}).items():
                access.create_user(session, username, PASSWORD, role)
        database.dispose()
        server = start_server(demo_db_url)
        servers.append(server)
        return Site(server, browser, demo_db_url, downloads)

    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    browser.get("about:blank")
    browser_log(browser)
    for leftover in downloads.iterdir():
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()
    yield serve
    for server in servers:
        server.stop()
        print("".join(server.output))  # shown when the test fails
