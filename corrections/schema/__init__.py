"""The JSON Schema of correction events, shipped with the package.

``events.schema.json`` is generated from the event models (one schema, a union keyed by
``type``: proposal, revision, review, withdrawal, publication); a test fails when the two
drift, so tools outside Python (editors, other validators) can rely on the shipped file.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "events.schema.json"
SCHEMA_ID = "https://corrections.invalid/schema/events-v2.json"


def generated_schema() -> dict[str, Any]:
    from corrections.domain.events import events_json_schema

    schema = events_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def record_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    )
    return data
