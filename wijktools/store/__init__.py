"""SQLite store of the workshop sessions: connection, migrations, sessions."""
