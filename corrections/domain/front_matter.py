"""The fields a newsroom keeps in an article's front matter, checked by a pydantic model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class FrontMatter(BaseModel):
    """The fields a newsroom keeps about an article. Unknown fields are kept as they are."""

    # Built on first use: most commands never validate an article, and building costs 70 ms.
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    headline: str = Field(min_length=1, max_length=500)
    published: dt.datetime | dt.date
    byline: str | None = None
    url: str | None = None
    section: str | None = None
    updated: dt.datetime | dt.date | None = None
    dek: str | None = None
    tags: list[str] = Field(default_factory=list)
    language: str | None = None
    source: str | None = None
    fictional: bool = False

    @field_validator("headline", "byline", "section", "dek", mode="before")
    @classmethod
    def _text_only(cls, value: Any) -> Any:
        # YAML turns `headline: 2024` into a number; a headline must be written as text.
        if value is not None and not isinstance(value, str):
            raise ValueError("must be text (quote it)")
        return value

    @field_validator("published", "updated", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if value is None or isinstance(value, dt.date):
            return value
        text = str(value)
        try:
            return (
                dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            raise ValueError(f"{text!r} is not an ISO 8601 date or date-time") from None

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// or http://")
        return value
