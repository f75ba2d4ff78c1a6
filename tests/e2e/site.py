"""What the end-to-end tests work with: a served demo registry seen through the browser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.browser import Server

PASSWORD = "violet harbour lanterns 42"
SUGGESTED = ("igf-2017", "sdg:9")  # a demo event, and a goal the demo does not tag it with


@dataclass
class Site:
    """A served demo registry and the browser pointed at it."""

    server: Server
    driver: WebDriver
    database_url: str
    downloads: Path

    def open(self, path: str) -> None:
        self.driver.get(self.server.base + path)

    def wait(self, seconds: float = 10) -> WebDriverWait[WebDriver]:
        return WebDriverWait(self.driver, seconds, poll_frequency=0.1)

    def path(self) -> str:
        return self.driver.current_url.removeprefix(self.server.base)

    def fill(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            field = self.driver.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)

    def leave_by(self, action: Callable[[], object]) -> None:
        """Do ``action`` and wait for the next page to replace this one."""
        old = self._document()
        action()
        self.wait().until(lambda _: self._document() not in (old, None))

    def _document(self) -> float | None:
        """When the loaded page's document began (None while a page loads)."""
        script = "return document.readyState === 'complete' ? performance.timeOrigin : null"
        try:
            origin: float | None = self.driver.execute_script(script)
        except WebDriverException:  # the old document went away while asking
            return None
        return origin

    def submit(self, css: str = "main form button[type=submit]") -> None:
        self.leave_by(self.driver.find_element(By.CSS_SELECTOR, css).click)

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        if not self.path().startswith("/login"):
            self.open("/login")
        self.fill({"username": username, "password": password})
        self.submit()

    def text(self, css: str = "main") -> str:
        return str(self.driver.find_element(By.CSS_SELECTOR, css).text)

    def console_errors(self) -> list[str]:
        """What the browser logged as errors (CSP violations among them) since last asked."""
        return [
            entry["message"]
            for entry in browser_log(self.driver)
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]
        ]


def browser_log(driver: WebDriver) -> list[dict[str, Any]]:
    """The console's entries since last asked (asking empties it)."""
    entries: list[dict[str, Any]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return entries


ServeDemo = Callable[..., Site]
