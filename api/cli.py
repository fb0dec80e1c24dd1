"""Command-line tasks for operators.

    python -m api.cli create-user --username sanne --role counsellor [--municipality KEY] \
        [--display-name "Sanne, schuldhulpverlener"]

Without ``--municipality`` the account is for the installation's default municipality; only a
municipality the installation serves (benefits_rules/data/deployment.yaml) can have accounts.

The password is asked for twice at a prompt, or read as one line from standard input when that
is not a terminal (``printf '%s\n' "$PASSWORD" | python -m api.cli create-user ...``). It never
appears in the shell history or the process list. Migrations run first.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Sequence
from datetime import datetime, timezone

from api.auth.models import Role
from api.auth.users import UserError, create_user
from api.db import make_engine, make_sessionmaker
from api.migrate import upgrade_database
from api.municipality import MunicipalityConfigError, MunicipalityNotServed, served_config
from api.settings import Settings, get_settings
from api.texts import text


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise UserError("the two passwords differ")
    return first


async def _create(
    settings: Settings, args: argparse.Namespace, municipality: str, password: str
) -> None:
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine)() as db:
            await create_user(
                db,
                username=args.username,
                password=password,
                role=Role(args.role),
                municipality=municipality,
                display_name=args.display_name or text("counsellor_default_name"),
                now=datetime.now(timezone.utc),
            )
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-user", help="create a counsellor, editor or admin")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument(
        "--municipality", help="its key (default: the installation's default municipality)"
    )
    create.add_argument("--display-name", help="the name or role residents see")
    args = parser.parse_args(argv)
    settings = settings or get_settings()
    try:
        municipality = served_config(args.municipality, settings.rules_dir).key
        password = _read_password()
        upgrade_database(settings.database_url)
        asyncio.run(_create(settings, args, municipality, password))
    except (UserError, MunicipalityConfigError, MunicipalityNotServed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"created {args.role} {args.username!r} for {municipality}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
