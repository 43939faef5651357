"""One typed settings class (DESIGN.md §15). Environment variables use the ``SCRUTINY_`` prefix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Runtime settings; every field is documented in ``docs/settings.md``."""

    model_config = SettingsConfigDict(env_prefix="SCRUTINY_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///scrutiny.db",
        description="SQLAlchemy URL of the case store (SQLite file by default; "
        "postgresql+psycopg://… for teams).",
    )
    policy: Path | None = Field(
        default=None, description="Folder of a policy pack; the shipped GNI baseline if unset."
    )
    home_country: str | None = Field(
        default=None,
        description="The company's home state (ISO 3166-1 alpha-2); overrides the policy pack's.",
    )
    host: str = Field(default="127.0.0.1", description="Address `scrutiny serve` listens on.")
    port: int = Field(default=8000, description="Port `scrutiny serve` listens on.")
    workers: int = Field(default=1, ge=1, description="Number of web worker processes.")
    secret_key: str | None = Field(
        default=None,
        description="Key signing session cookies; generated and stored beside the database "
        "when unset.",
    )
    max_upload_bytes: int = Field(
        default=20 * 1024 * 1024, description="Largest letter or request body accepted."
    )
    intake_timeout_seconds: float = Field(
        default=30.0, description="Longest time intake may spend on one letter."
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
