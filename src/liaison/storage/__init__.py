"""Storage: the one place that owns the database (engine, sessions, migrations)."""
