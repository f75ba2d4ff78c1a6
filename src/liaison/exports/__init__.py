"""Open data formats Liaison writes beside its own import format: the events as iCalendar
(``ics``), organizations, memberships and events as Popolo JSON (``popolo``), and a stand-alone
SQLite copy for analysts with Datasette metadata (``sqlite_copy``)."""
