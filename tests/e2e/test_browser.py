"""The web application in a real browser: headless Chromium against ``liaison serve``.

The scenario of issue 9: create the first administrator from the printed link, sign in, add an
event with a partner, accept a suggested tag, find the event by search and download the report.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlalchemy import select

from liaison.model import Tag
from liaison.storage.database import Database
from tests.e2e.site import PASSWORD, SUGGESTED, ServeDemo, Site

pytestmark = pytest.mark.e2e

EVENT = {
    "id": "zanzibar-spectrum-colloquium-2018",
    "name": "Zanzibar Spectrum Colloquium",
    "date": "2018-03-14",
    "place": "Stone Town",
}
PARTNER = "unesco"
MAIN_PAGES = (
    "/",
    "/events",
    "/events/wha70",
    "/organizations/itu",
    "/search?q=broadband",
    "/events/new",
    "/events/calendar?month=2017-06",
    "/events/timeline",
    "/coverage",
    "/network",
    "/jiu",
    "/tags/review",
    "/report",
)


def choose(site: Site, label: str, value: str) -> None:
    """Set the field of this label, a list of choices or a plain input."""
    (named,) = site.driver.find_elements(By.XPATH, f"//label[normalize-space(.)='{label}']")
    field = site.driver.find_element(By.ID, str(named.get_attribute("for")))
    if field.tag_name == "select":
        Select(field).select_by_value(value)
    else:
        field.clear()
        field.send_keys(value)


def create_first_admin(site: Site) -> None:
    site.open(site.server.setup_path())
    assert site.text("h1") == "Create the first administrator"
    site.fill({"username": "lead", "password": PASSWORD, "confirm": PASSWORD})
    site.submit()
    assert site.path() == "/"
    assert site.text("header .who a") == "lead"


def sign_out(site: Site) -> None:
    site.submit("header .who form button")
    assert site.path() == "/login"
    assert site.driver.find_elements(By.CSS_SELECTOR, "header .who form") == []


def add_event(site: Site) -> None:
    site.open("/events/new")
    site.fill(EVENT)
    choose(site, "Kind required", "conference")
    choose(site, "Participants, row 1: Org", PARTNER)
    choose(site, "Participants, row 1: Role", "co-organizer")
    site.submit("form.record-form button[type=submit]")
    assert site.path() == f"/events/{EVENT['id']}?saved=1"
    assert site.text("h1") == EVENT["name"]
    assert site.text(".notice") == "Saved."
    partner = site.driver.find_element(By.CSS_SELECTOR, f'dl.fields a[href="/records/{PARTNER}"]')
    assert partner.text == PARTNER
    assert "co-organizer" in site.text("dl.fields")


def accept_suggested_tag(site: Site) -> None:
    record_id, taxon_id = SUGGESTED
    site.open(f"/events/{record_id}")
    assert tag_state(site, taxon_id) == "suggested"
    site.open("/tags/review")
    row = site.driver.find_element(By.CSS_SELECTOR, f'[data-tag="{record_id}/{taxon_id}"]')
    site.leave_by(
        row.find_element(By.CSS_SELECTOR, 'button[name="decision"][value="accept"]').click
    )
    assert site.path().startswith("/tags/review")
    assert site.driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert not site.driver.find_elements(By.CSS_SELECTOR, f'[data-tag="{record_id}/{taxon_id}"]')
    site.open(f"/events/{record_id}")
    assert tag_state(site, taxon_id) == "accepted"
    database = Database(site.database_url)
    with database.session() as session:
        state = session.scalar(
            select(Tag.state).where(Tag.record_id == record_id, Tag.taxon_id == taxon_id)
        )
    database.dispose()
    assert state == "accepted"


def tag_state(site: Site, taxon_id: str) -> str:
    """The state the record page shows for one of the record's tags. The page writes a tag as
    the import format does: its taxon alone when a person entered it, else its fields, the
    state left out when it is the default, accepted."""
    tags = site.driver.find_elements(
        By.XPATH, "//dl[@class='fields']/dt[.='Tags']/following-sibling::dd[1]/ul/li"
    )
    for tag in tags:
        fields = tag.find_elements(By.CSS_SELECTOR, "dl.nested > dt")
        shown = {
            str(dt.text): str(dt.find_element(By.XPATH, "following-sibling::dd[1]").text)
            for dt in fields
        }
        if tag.text == taxon_id or shown.get("taxon") == taxon_id:
            return shown.get("state", "accepted")
    raise AssertionError(f"the record page shows no tag {taxon_id}")


def search_for_event(site: Site) -> None:
    box = site.driver.find_element(By.CSS_SELECTOR, "header form.quick-search input[name=q]")
    site.leave_by(lambda: box.send_keys("Zanzibar\n"))
    assert site.path() == "/search?q=Zanzibar"
    hit = site.driver.find_element(By.CSS_SELECTOR, f'ol.hits a[href="/events/{EVENT["id"]}"]')
    assert hit.find_element(By.TAG_NAME, "mark").text == "Zanzibar"
    site.leave_by(hit.click)
    assert site.text("h1") == EVENT["name"]


def download_report(site: Site, fmt: str) -> Path:
    """Draft the demo period's report in ``fmt`` from the form; the file the browser saved."""
    site.open("/report")
    for name, value in (("start", "2017-01"), ("end", "2018-04")):
        field = site.driver.find_element(By.NAME, name)
        site.driver.execute_script("arguments[0].value = arguments[1]", field, value)
    Select(site.driver.find_element(By.NAME, "format")).select_by_value(fmt)
    before = set(site.downloads.iterdir())
    site.driver.find_element(By.ID, "draft-report").click()
    return _downloaded(site.downloads, before)


def _downloaded(folder: Path, before: set[Path], seconds: float = 60) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        new = [p for p in set(folder.iterdir()) - before if not p.name.endswith(".crdownload")]
        if new and new[0].stat().st_size > 0:
            return new[0]
        time.sleep(0.2)
    raise AssertionError(f"nothing was downloaded into {folder} in {seconds} s")


def test_the_scenario_of_a_new_registry(serve_demo: ServeDemo) -> None:
    site = serve_demo()
    create_first_admin(site)
    sign_out(site)
    site.sign_in("lead")
    assert site.path() == "/"
    add_event(site)
    accept_suggested_tag(site)
    search_for_event(site)
    pdf = download_report(site, "pdf")
    assert pdf.name == "report-2017-01-2018-04.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    docx = download_report(site, "docx")
    assert docx.name == "report-2017-01-2018-04.docx"
    with zipfile.ZipFile(docx) as archive:
        assert "word/document.xml" in archive.namelist()
    assert site.console_errors() == []


def test_a_wrong_password_shows_an_error_and_opens_no_session(serve_demo: ServeDemo) -> None:
    site = serve_demo({"ada": "editor"})
    site.open("/login")
    site.fill({"username": "ada", "password": "not the right one at all"})
    site.submit()
    assert site.path().startswith("/login")
    assert site.text("[role=alert]") == "The user name or the password is wrong."
    assert site.driver.get_cookie("liaison_session") is None
    assert site.driver.find_elements(By.CSS_SELECTOR, "header .who a[href='/login']")
    site.open("/events")
    assert site.path().startswith("/login")


def test_a_page_asks_to_sign_in_then_comes_back_to_it(serve_demo: ServeDemo) -> None:
    site = serve_demo({"ada": "editor"})
    site.open("/organizations/itu?tab=all")
    assert site.path() == "/login?next=%2Forganizations%2Fitu%3Ftab%3Dall"
    site.sign_in("ada")
    assert site.path() == "/organizations/itu?tab=all"
    assert site.text("h1") == "International Telecommunication Union"
    assert site.driver.get_cookie("liaison_session") is not None


def test_the_main_pages_log_no_console_error(serve_demo: ServeDemo) -> None:
    site = serve_demo({"ada": "admin"})
    site.open("/login")
    assert site.console_errors() == []
    site.sign_in("ada")
    for path in MAIN_PAGES:
        site.open(path)
        assert site.console_errors() == [], path
