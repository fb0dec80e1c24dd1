"""Apply the Alembic migrations (used at start-up of the embedded default and by `make`)."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from api.db import prepare_sqlite_file, sync_url

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")


def alembic_config(database_url: str) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(ALEMBIC_INI.parent / "migrations"))
    # ConfigParser interpolation would choke on a % in a password.
    config.set_main_option("sqlalchemy.url", sync_url(database_url).replace("%", "%%"))
    return config


def upgrade_database(database_url: str) -> None:
    prepare_sqlite_file(database_url)
    command.upgrade(alembic_config(database_url), "head")


if __name__ == "__main__":
    from api.settings import get_settings

    upgrade_database(get_settings().database_url)
    sys.exit(0)
