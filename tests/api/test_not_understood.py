"""Messages the bot did not understand: which are kept, how (redacted, unlinked, date only), for
how long, for whom; the editors' review (adopt, dismiss) and "probeer een zin"."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.testclient import TestClient

from api.audit import AuditEntry
from api.auth.models import Role
from api.content import drafts
from api.content.access import live_tree
from api.content.catalog import build_catalog
from api.content.scope import Scope
from api.models import ChatMessage
from api.municipality import municipality_config
from api.not_understood import review
from api.not_understood.models import NotUnderstood
from api.settings import Settings
from benefits_rules.contract import nlu_message
from tests.conftest import ROOT

from .conftest import Browser, Clock, FakeRasa, api_settings, in_db, logged_in, new_session

GIBBERISH = "qwrtp zxvbn kkkk"
WITH_NAME = "Mijn naam is Jan Jansen en qwrtp blabla"


def _nlu_reply(fake_rasa: FakeRasa, text: str, intent: str, confidence: float) -> None:
    fake_rasa.replies[text] = [
        {"text": "Dit is de chatbot."},
        {"custom": nlu_message(intent, confidence)},
    ]


def _say(client: TestClient, token: str, text: str) -> dict[str, Any]:
    response = client.post(f"/api/v1/sessions/{token}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _rows(client: TestClient) -> list[NotUnderstood]:
    async def work(db: AsyncSession) -> list[NotUnderstood]:
        return list(await db.scalars(select(NotUnderstood).order_by(NotUnderstood.id)))

    return in_db(client, work)


def _add_row(client: TestClient, **values: Any) -> int:
    async def work(db: AsyncSession) -> int:
        row = NotUnderstood(
            **{
                "municipality": "heerlen",
                "text": "iets raars",
                "intent": "nlu_fallback",
                "confidence": 0.5,
                "reason": "fallback",
                "day": date(2026, 12, 1),
                "times": 1,
                **values,
            }
        )
        db.add(row)
        await db.commit()
        return row.id

    return in_db(client, work)


# --- capture ----------------------------------------------------------------------------------


def test_a_fallback_is_kept_redacted_with_day_and_guess_but_no_session(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    redacted = "Mijn naam is [NAAM] en qwrtp blabla"
    _nlu_reply(fake_rasa, redacted, "nlu_fallback", 0.5)
    body = _say(client, token, WITH_NAME)
    # The NLU entry is for the API only: the resident sees the bot's answers, nothing more.
    assert [m["text"] for m in body["messages"]][-1] == "Dit is de chatbot."
    assert all(m["text"] for m in body["messages"])
    (row,) = _rows(client)
    assert fake_rasa.received[-1][1] == redacted  # the same text Rasa got
    assert (row.text, row.intent, row.confidence, row.reason) == (
        redacted,
        "nlu_fallback",
        0.5,
        "fallback",
    )
    assert row.day == date(2026, 12, 1)
    assert row.municipality == "heerlen"
    # Nothing in the row links it to the conversation: no session, no time of day.
    columns = {c.key for c in inspect(NotUnderstood).columns}
    assert columns == {
        "id",
        "municipality",
        "text",
        "intent",
        "confidence",
        "reason",
        "day",
        "times",
        "text_hash",  # sha256 of the redacted text above, for the one-row-per-day index
    }
    assert row.text_hash == hashlib.sha256(redacted.encode("utf-8")).hexdigest()
    assert "Jansen" not in str(vars(row))


def test_out_of_scope_is_kept(client: TestClient, fake_rasa: FakeRasa) -> None:
    _nlu_reply(fake_rasa, GIBBERISH, "out_of_scope", 0.99)
    _say(client, new_session(client), GIBBERISH)
    assert [(r.text, r.reason) for r in _rows(client)] == [(GIBBERISH, "out_of_scope")]


def test_low_confidence_is_kept_and_a_sure_answer_is_not(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    _nlu_reply(fake_rasa, "ik heb schulden denk ik", "debt_worries", 0.59)
    _nlu_reply(fake_rasa, "ik heb schulden", "debt_worries", 0.6)
    _say(client, token, "ik heb schulden")
    _say(client, token, "ik heb schulden denk ik")
    assert [(r.text, r.reason, r.intent) for r in _rows(client)] == [
        ("ik heb schulden denk ik", "low_confidence", "debt_worries")
    ]


def test_asking_for_a_person_keeps_the_message_before_it(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    _nlu_reply(fake_rasa, "mijn toeslag klopt niet", "zorgtoeslag", 0.9)
    _nlu_reply(fake_rasa, "ik wil een mens", "ask_human", 0.97)
    _say(client, token, "mijn toeslag klopt niet")
    assert _rows(client) == []
    _say(client, token, "ik wil een mens")
    (row,) = _rows(client)
    assert (row.text, row.intent, row.confidence, row.reason) == (
        "mijn toeslag klopt niet",
        "zorgtoeslag",
        0.9,
        "ask_human",
    )


def test_a_message_already_kept_is_not_kept_twice_by_the_ask_for_a_person(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    token = new_session(client)
    _nlu_reply(fake_rasa, GIBBERISH, "nlu_fallback", 0.5)
    _nlu_reply(fake_rasa, "ik wil een mens", "ask_human", 0.97)
    _say(client, token, GIBBERISH)
    _say(client, token, "ik wil een mens")
    assert [(r.text, r.reason, r.times) for r in _rows(client)] == [(GIBBERISH, "fallback", 1)]


def test_buttons_are_not_resident_sentences(client: TestClient, fake_rasa: FakeRasa) -> None:
    token = new_session(client)
    fake_rasa.replies["hallo"] = [
        {"text": "Hallo", "buttons": [{"title": "Mens", "payload": "/ask_human"}]},
        {"custom": nlu_message("greet", 0.3)},
    ]
    _nlu_reply(fake_rasa, "/ask_human", "ask_human", 1.0)
    _say(client, token, "hallo")
    _say(client, token, "/ask_human")  # the button: keeps nothing more
    assert [(r.text, r.reason) for r in _rows(client)] == [("hallo", "low_confidence")]


def test_the_same_text_on_the_same_day_counts_once_more(
    client: TestClient, fake_rasa: FakeRasa, clock: Clock
) -> None:
    _nlu_reply(fake_rasa, GIBBERISH, "nlu_fallback", 0.5)
    _say(client, new_session(client), GIBBERISH)
    _say(client, new_session(client), GIBBERISH)
    clock.advance(days=1)
    _say(client, new_session(client), GIBBERISH)
    assert [(r.day, r.times) for r in _rows(client)] == [
        (date(2026, 12, 1), 2),
        (date(2026, 12, 2), 1),
    ]


def test_no_nlu_entry_keeps_nothing(client: TestClient, fake_rasa: FakeRasa) -> None:
    _say(client, new_session(client), GIBBERISH)
    assert _rows(client) == []


class TestSwitchedOff:
    """A municipality that does not keep such messages keeps nothing, and says nothing of it."""

    @pytest.fixture
    def settings(self, database_url: str, tmp_path: Path) -> Settings:
        rules = tmp_path / "rules"
        shutil.copytree(ROOT / "benefits_rules" / "data", rules)
        path = rules / "municipalities" / "heerlen" / "municipality.yaml"
        text = path.read_text(encoding="utf-8")
        switched = text.replace("keep_not_understood: true", "keep_not_understood: false")
        assert switched != text, f"no keep_not_understood in {path}"
        path.write_text(switched, encoding="utf-8")
        assert not municipality_config("heerlen", rules).keep_not_understood
        return api_settings(database_url, rules_dir=rules)

    def test_nothing_is_kept(self, client: TestClient, fake_rasa: FakeRasa) -> None:
        token = new_session(client)
        _nlu_reply(fake_rasa, GIBBERISH, "nlu_fallback", 0.5)
        _nlu_reply(fake_rasa, "ik wil een mens", "ask_human", 0.97)
        _say(client, token, GIBBERISH)
        _say(client, token, "ik wil een mens")
        assert _rows(client) == []
        assert "niet begreep" not in client.get("/privacy").text


def test_the_privacy_page_says_what_is_kept_and_how_long(client: TestClient) -> None:
    page = client.get("/privacy").text
    assert "Begrijpt de chat uw bericht niet?" in page
    assert f"hooguit {review.RETENTION_DAYS} dagen" in page


# --- retention --------------------------------------------------------------------------------


def test_kept_at_most_30_days(client: TestClient, clock: Clock) -> None:
    today = clock.now.date()
    old = _add_row(client, day=today - timedelta(days=30), text="oud")
    young = _add_row(client, day=today - timedelta(days=29), text="jong")

    async def sweep(db: AsyncSession) -> int:
        return await review.sweep(db, clock.now)

    assert in_db(client, sweep) == 1
    assert {r.id for r in _rows(client)} == {young}
    assert old not in {r.id for r in _rows(client)}


def test_the_sweeper_applies_the_retention(client: TestClient, clock: Clock) -> None:
    from api.sweeper import sweep_not_understood

    _add_row(client, day=date.today() - timedelta(days=31))
    client.portal.call(sweep_not_understood, client.app)  # type: ignore[union-attr]
    assert _rows(client) == []


# --- the review pages -------------------------------------------------------------------------


def _editor(client: TestClient, name: str = "eva", **user: Any) -> Browser:
    editor = logged_in(client, name, role=Role.EDITOR, **user)
    assert editor.get("/editor/niet-begrepen").status_code == 200
    return editor


def _audit(client: TestClient) -> list[tuple[str, int | None, str]]:
    async def work(db: AsyncSession) -> list[tuple[str, int | None, str]]:
        rows = await db.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(r.username, r.handoff_id, r.action) for r in rows]

    return in_db(client, work)


def test_counsellors_get_403_and_strangers_the_login(client: TestClient, browser: Any) -> None:
    counsellor = logged_in(client, "sanne")
    for url in ("/editor/niet-begrepen", "/editor/probeer"):
        response = counsellor.get(url)
        assert response.status_code == 403
        assert "alleen voor redacteuren" in response.text
    row = _add_row(client)
    assert counsellor.post(f"/editor/niet-begrepen/{row}/verwijderen").status_code == 403
    assert counsellor.post("/editor/probeer", {"sentence": "hoi"}).status_code == 403
    assert len(_rows(client)) == 1
    stranger = browser()
    assert stranger.get("/editor/niet-begrepen").headers["location"] == "/counsellor/login"


def test_the_list_is_newest_first_with_guess_and_confidence(
    client: TestClient, clock: Clock
) -> None:
    _add_row(client, text="eerder bericht", day=date(2026, 11, 30), confidence=0.31)
    _add_row(client, text="later bericht", intent="debt_worries", confidence=0.42)
    page = _editor(client).get("/editor/niet-begrepen").text
    assert page.index("later bericht") < page.index("eerder bericht")
    assert "debt_worries" in page
    assert "42%" in page
    assert "31%" in page
    assert "01-12-2026" in page
    assert "30-11-2026" in page


def test_an_editor_of_another_municipality_sees_and_changes_nothing(client: TestClient) -> None:
    row = _add_row(client, text="bericht uit heerlen")
    other = _editor(client, "olga", municipality="brunssum")
    assert "bericht uit heerlen" not in other.get("/editor/niet-begrepen").text
    assert other.post(f"/editor/niet-begrepen/{row}/verwijderen").status_code == 404
    response = other.post(f"/editor/niet-begrepen/{row}/toewijzen", {"intent": "debt_worries"})
    assert response.status_code == 404
    assert [r.id for r in _rows(client)] == [row]


def test_dismiss_deletes_and_is_audited_without_content(client: TestClient) -> None:
    row = _add_row(client, text="weg ermee")
    editor = _editor(client)
    response = editor.post(f"/editor/niet-begrepen/{row}/verwijderen")
    assert response.status_code == 303
    assert response.headers["location"] == "/editor/niet-begrepen?msg=dismissed"
    assert _rows(client) == []
    assert ("eva", None, "not_understood_dismiss") in _audit(client)


def test_without_csrf_nothing_changes(client: TestClient) -> None:
    row = _add_row(client)
    editor = _editor(client)
    response = editor.post(f"/editor/niet-begrepen/{row}/verwijderen", {"csrf_token": "nope"})
    assert response.status_code == 403
    response = editor.post(
        f"/editor/niet-begrepen/{row}/toewijzen", {"csrf_token": "", "intent": "debt_worries"}
    )
    assert response.status_code == 403
    assert [r.id for r in _rows(client)] == [row]
    assert not any(action.startswith("not_understood") for _, _, action in _audit(client))


def _draft_examples(client: TestClient, intent: str) -> tuple[str, ...]:
    async def work(db: AsyncSession) -> tuple[str, ...]:
        found = build_catalog(await drafts.draft_tree(db, live_tree(), Scope("heerlen"))).intent(
            intent
        )
        return found.examples if found else ()

    return in_db(client, work)


def test_assign_makes_a_draft_example_and_is_audited(client: TestClient) -> None:
    row = _add_row(client, text="ik snap die brief niet")
    editor = _editor(client)
    assert (
        editor.post(f"/editor/niet-begrepen/{row}/toewijzen", {"intent": "nope"}).status_code == 422
    )
    assert "ik snap die brief niet" not in _draft_examples(client, "debt_worries")
    response = editor.post(f"/editor/niet-begrepen/{row}/toewijzen", {"intent": "debt_worries"})
    assert response.headers["location"] == "/editor/niet-begrepen?msg=adopted"
    assert "ik snap die brief niet" in _draft_examples(client, "debt_worries")
    assert _rows(client) == []
    assert ("eva", None, "not_understood_adopt") in _audit(client)


def test_a_message_that_is_already_an_example_is_not_added_twice(client: TestClient) -> None:
    existing = _draft_examples(client, "debt_worries")[0]
    row = _add_row(client, text=existing)
    response = _editor(client).post(
        f"/editor/niet-begrepen/{row}/toewijzen", {"intent": "debt_worries"}
    )
    assert response.headers["location"] == "/editor/niet-begrepen?msg=adopted"
    assert _draft_examples(client, "debt_worries").count(existing) == 1
    assert _rows(client) == []


def test_the_intents_to_assign_are_those_with_examples() -> None:
    known = review.intents(live_tree())
    assert "debt_worries" in known
    assert "ask_human" in known
    assert "nlu_fallback" not in known


# --- probeer een zin --------------------------------------------------------------------------


def test_try_a_sentence_shows_the_live_guess_redacted_and_stores_nothing(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    redacted = "Ik ben [NAAM] en ik heb schulden"
    fake_rasa.parses[redacted] = {"name": "debt_worries", "confidence": 0.873}
    editor = _editor(client)
    assert "Probeer een zin" in editor.get("/editor/probeer").text
    page = editor.post("/editor/probeer", {"sentence": "Ik ben Jan Jansen en ik heb schulden"}).text
    assert fake_rasa.parsed == [redacted]
    assert "Jansen" not in page
    assert "debt_worries" in page
    assert "87%" in page
    assert "Nog geen conceptmodel." in page
    assert _rows(client) == []

    async def chat_rows(db: AsyncSession) -> list[ChatMessage]:
        return list(await db.scalars(select(ChatMessage)))

    assert in_db(client, chat_rows) == []


def test_try_a_sentence_while_the_bot_is_down(client: TestClient, fake_rasa: FakeRasa) -> None:
    editor = _editor(client)
    fake_rasa.down = True
    page = editor.post("/editor/probeer", {"sentence": "hoi"})
    assert page.status_code == 200
    assert "niet bereikbaar" in page.text


def test_twenty_of_the_same_message_at_once_make_one_row_that_counts_twenty(
    database_url: str,
) -> None:
    """One upsert on a unique index: no read-modify-write, no second row."""
    import asyncio
    from datetime import datetime, timezone

    from api.db import make_engine, make_sessionmaker
    from api.migrate import upgrade_database
    from api.not_understood.capture import keep
    from benefits_rules.contract import read_nlu

    url = Settings(environment="test", database_url=database_url).database_url
    upgrade_database(url)
    now = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
    guess = read_nlu(nlu_message("nlu_fallback", 0.2))

    async def main() -> list[tuple[str, int]]:
        engine = make_engine(url)
        sessions = make_sessionmaker(engine)

        async def one(text: str) -> None:
            async with sessions() as db:
                await keep(db, "heerlen", text, guess, "fallback", now)
                await db.commit()

        try:
            await asyncio.gather(*(one("blub blub") for _ in range(20)), one("iets anders"))
            async with sessions() as db:
                rows = (await db.execute(select(NotUnderstood))).scalars().all()
                return sorted((row.text, row.times) for row in rows)
        finally:
            await engine.dispose()

    assert asyncio.run(main()) == [("blub blub", 20), ("iets anders", 1)]


def test_the_migration_merges_rows_made_twice_before_it(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from api.db import sync_url
    from api.migrate import alembic_config

    url = Settings(environment="test", database_url=database_url).database_url
    command.upgrade(alembic_config(url), "head")
    command.downgrade(alembic_config(url), "0007")
    engine = create_engine(sync_url(url))
    try:
        insert = text(
            "INSERT INTO not_understood (municipality, text, reason, day, times)"
            " VALUES (:m, :t, 'fallback', :d, :n)"
        )
        with engine.begin() as conn:
            for m, t, n in [
                ("heerlen", "blub", 2),
                ("heerlen", "blub", 3),
                ("proefdorp", "blub", 1),
            ]:
                conn.execute(insert, {"m": m, "t": t, "d": date(2026, 12, 1), "n": n})
        command.upgrade(alembic_config(url), "head")
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT municipality, times FROM not_understood ORDER BY municipality")
            ).all()
        assert [tuple(r) for r in rows] == [("heerlen", 5), ("proefdorp", 1)]
    finally:
        engine.dispose()
