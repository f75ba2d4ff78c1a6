"""What the CLI and the web application both call: typed queries and writes over the registry.

Services take and return plain data (dataclasses of strings, numbers and dates), never display
strings or interface types; paging is done in the query. They never commit: the caller's
:meth:`liaison.storage.database.Database.session` is the unit of work.
"""
