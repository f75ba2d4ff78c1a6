"""Write the API's OpenAPI schema to ``docs/openapi.json``: ``python -m liaison.web.openapi``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from liaison.storage.database import Database
from liaison.web.app import create_app


def schema_text() -> str:
    app = create_app(Database("sqlite://"))
    return json.dumps(app.openapi(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/openapi.json")
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
