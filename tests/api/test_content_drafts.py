"""The editors' draft: edits are stored, a change based on an outdated value is a conflict,
and parallel saves are applied one after the other (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.audit import AuditEntry
from api.auth.models import CounsellorUser, Role
from api.auth.users import create_user
from api.content import drafts
from api.content.catalog import build_catalog
from api.content.checks import check_tree
from api.content.files import REPO_ROOT, read_tree
from api.content.scope import Scope
from api.content.sourcetext import get_value
from api.db import make_engine, make_sessionmaker
from api.migrate import upgrade_database
from api.settings import Settings
from tests.api.conftest import OFFICE_HOURS_NOW, PASSWORD

T = TypeVar("T")
LIVE = read_tree(REPO_ROOT)
HEERLEN = Scope("heerlen")
CATALOG = build_catalog(LIVE)
AFFIRM = "actions/texts.nl.yml#texts/affirm/text"
GOOD = "Fijn. Wat kan ik nog meer voor u doen?"


def run(
    database_url: str,
    work: Callable[[async_sessionmaker[AsyncSession], CounsellorUser], Awaitable[T]],
) -> T:
    url = Settings(environment="test", database_url=database_url).database_url
    upgrade_database(url)

    async def main() -> T:
        engine = make_engine(url)
        sessions = make_sessionmaker(engine)
        try:
            async with sessions() as db:
                user = await create_user(
                    db,
                    username="redacteur",
                    password=PASSWORD,
                    role=Role.EDITOR,
                    municipality="heerlen",
                    display_name="Redactie",
                    now=OFFICE_HOURS_NOW,
                )
            return await work(sessions, user)
        finally:
            await engine.dispose()

    return asyncio.run(main())


def value(tree: dict[str, str], item_id: str) -> object:
    relative, _, pointer = item_id.partition("#")
    return get_value(
        relative, tree[relative], [int(p) if p.isdigit() else p for p in pointer.split("/")]
    )


def test_an_edit_goes_into_the_draft_and_is_audited_without_content(database_url: str) -> None:
    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        original = CATALOG.item(AFFIRM)
        assert original is not None
        async with sessions() as db:
            await drafts.save_item(db, AFFIRM, original.value, GOOD, user, live=LIVE)
        async with sessions() as db:
            tree = await drafts.draft_tree(db, LIVE, HEERLEN)
            files = await drafts.draft_files(db, HEERLEN)
            actions = (await db.execute(select(AuditEntry.action))).scalars().all()
        assert value(tree, AFFIRM) == GOOD
        assert list(files) == ["actions/texts.nl.yml"]
        assert files["actions/texts.nl.yml"].updated_by == "redacteur"
        # Only the one line changed; comments and the rest stay as they were.
        changed = set(tree["actions/texts.nl.yml"].splitlines()) ^ set(
            LIVE["actions/texts.nl.yml"].splitlines()
        )
        assert len(changed) == 2
        assert actions == ["content_edit"]

    run(database_url, work)


def test_a_change_based_on_an_outdated_value_is_a_conflict(database_url: str) -> None:
    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        original = CATALOG.item(AFFIRM)
        assert original is not None
        async with sessions() as db:
            await drafts.save_item(db, AFFIRM, original.value, GOOD, user, live=LIVE)
        async with sessions() as db:
            with pytest.raises(drafts.Conflict) as caught:
                await drafts.save_item(
                    db, AFFIRM, original.value, "Fijn. Nog iets?", user, live=LIVE
                )
            assert (caught.value.current_value, caught.value.by) == (GOOD, "redacteur")
            assert value(await drafts.draft_tree(db, LIVE, HEERLEN), AFFIRM) == GOOD

    run(database_url, work)


def test_changing_back_to_the_live_text_empties_the_draft(database_url: str) -> None:
    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        original = CATALOG.item(AFFIRM)
        assert original is not None
        async with sessions() as db:
            await drafts.save_item(db, AFFIRM, original.value, GOOD, user, live=LIVE)
            await drafts.save_item(db, AFFIRM, GOOD, original.value, user, live=LIVE)
            assert await drafts.draft_files(db, HEERLEN) == {}

    run(database_url, work)


def test_twenty_parallel_saves_on_one_file_lose_nothing(database_url: str) -> None:
    """Twenty editors change twenty texts of one file at once: all twenty are in the draft."""
    items = [i for i in CATALOG.items if i.file == "api/texts.nl.yml" and i.kind == "notice"][:20]
    assert len(items) == 20

    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        async def save(n: int) -> None:
            async with sessions() as db:
                await drafts.save_item(
                    db, items[n].id, items[n].value, f"Tekst nummer {n}.", user, live=LIVE
                )

        await asyncio.gather(*(save(n) for n in range(20)))
        async with sessions() as db:
            tree = await drafts.draft_tree(db, LIVE, HEERLEN)
            revision = (await drafts.draft_files(db, HEERLEN))["api/texts.nl.yml"].revision
            edits = await db.scalar(select(func.count()).select_from(AuditEntry))
        assert [value(tree, item.id) for item in items] == [f"Tekst nummer {n}." for n in range(20)]
        assert (revision, edits) == (20, 20)

    run(database_url, work)


def test_twenty_parallel_saves_of_one_text_one_wins_the_rest_conflict(database_url: str) -> None:
    original = CATALOG.item(AFFIRM)
    assert original is not None

    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        async def save(n: int) -> str:
            async with sessions() as db:
                try:
                    await drafts.save_item(
                        db, AFFIRM, original.value, f"Fijn. Versie {n}.", user, live=LIVE
                    )
                except drafts.Conflict:
                    return "conflict"
                return "saved"

        outcomes = await asyncio.gather(*(save(n) for n in range(20)))
        assert sorted(outcomes) == ["conflict"] * 19 + ["saved"]
        async with sessions() as db:
            assert (await drafts.draft_files(db, HEERLEN))["actions/texts.nl.yml"].revision == 1

    run(database_url, work)


def test_refused_texts_never_reach_the_draft(database_url: str) -> None:
    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        original = CATALOG.item("actions/texts.nl.yml#texts/cannot_pay_energy/text")
        assert original is not None
        async with sessions() as db:
            with pytest.raises(drafts.Refused) as broken:
                await drafts.save_item(
                    db, original.id, original.value, "Bel {municipality_phone.", user, live=LIVE
                )
            assert broken.value.placeholder_problems[0].kind == "broken"
            with pytest.raises(drafts.Refused) as unknown:
                await drafts.save_item(
                    db, original.id, original.value, "Bel {wethouder}.", user, live=LIVE
                )
            assert [p.found for p in unknown.value.placeholder_problems] == ["wethouder"]
            long = "Bel " + " ".join(["de gemeente en vraag om hulp"] * 5) + "."
            with pytest.raises(drafts.Refused) as hard:
                await drafts.save_item(db, original.id, original.value, long, user, live=LIVE)
            assert [p.kind for p in hard.value.b1_problems][:1] == ["sentence_length"]
            assert await drafts.draft_files(db, HEERLEN) == {}

    run(database_url, work)


def test_examples_add_change_move_remove(database_url: str) -> None:
    debt = CATALOG.intent("debt_worries")
    rent = CATALOG.intent("cannot_pay_rent")
    assert debt is not None
    assert rent is not None
    first = debt.examples[0]

    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        async with sessions() as db:
            await drafts.add_example(
                db, "debt_worries", "ik heb  een berg schulden", user, live=LIVE
            )
            with pytest.raises(drafts.Refused) as twice:
                await drafts.add_example(
                    db, "debt_worries", "ik heb een berg schulden", user, live=LIVE
                )
            assert twice.value.reason == "duplicate"
            await drafts.change_examples(
                db,
                [
                    drafts.ExampleChange("debt_worries", first, None),
                    drafts.ExampleChange("cannot_pay_rent", None, first),
                ],
                user,
                live=LIVE,
            )
            with pytest.raises(drafts.Conflict):
                await drafts.change_examples(
                    db,
                    [drafts.ExampleChange("debt_worries", first, "iets anders")],
                    user,
                    live=LIVE,
                )
            catalog = build_catalog(await drafts.draft_tree(db, LIVE, HEERLEN))
        new_debt, new_rent = catalog.intent("debt_worries"), catalog.intent("cannot_pay_rent")
        assert new_debt is not None
        assert new_rent is not None
        assert list(new_debt.examples) == [*debt.examples[1:], "ik heb een berg schulden"]
        assert list(new_rent.examples) == [*rent.examples, first]

    run(database_url, work)


def test_publishing_clears_only_what_was_published(database_url: str) -> None:
    notices = [i for i in CATALOG.items if i.kind == "notice"][:1]
    original = CATALOG.item(AFFIRM)
    assert original is not None

    async def work(sessions: async_sessionmaker[AsyncSession], user: CounsellorUser) -> None:
        async with sessions() as db:
            await drafts.save_item(db, AFFIRM, original.value, GOOD, user, live=LIVE)
            await drafts.save_item(db, notices[0].id, notices[0].value, "Nieuw.", user, live=LIVE)
            published = {p: f.text for p, f in (await drafts.draft_files(db, HEERLEN)).items()}
            # Saved again while the publish ran: stays in the draft.
            await drafts.save_item(db, AFFIRM, GOOD, "Fijn. Nog iets?", user, live=LIVE)
            assert await drafts.clear_published(db, published) == ["actions/texts.nl.yml"]
            await db.commit()
            assert list(await drafts.draft_files(db, HEERLEN)) == ["actions/texts.nl.yml"]

    run(database_url, work)


def test_the_whole_tree_is_checked_for_publishing() -> None:
    assert check_tree(LIVE, LIVE) == []
    broken = dict(LIVE)
    broken["api/texts.nl.yml"] = LIVE["api/texts.nl.yml"].replace(
        "op {phone}.", "op {telefoon}.", 1
    )
    problems = check_tree(broken, LIVE)
    assert [p.refused.placeholder_problems[0].found for p in problems] == ["telefoon"]
