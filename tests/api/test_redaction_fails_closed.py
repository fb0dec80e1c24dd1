"""Issue 12: redaction fails closed. Each finding of the leak test has a test here that fails on
the redaction of before the issue (values were removed only when they validated)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.redaction import PiiType, redact, warm_up
from api.redaction._normalise import normalise_text
from api.redaction._public import public_numbers
from api.redaction._redact import find_personal_data


@pytest.fixture(scope="module", autouse=True)
def _lexicon_loaded() -> None:
    warm_up()


def check(text: str, expected: str) -> None:
    assert redact(text).text == expected


# --- the findings --------------------------------------------------------------------------------


def test_a_bsn_with_a_failing_11_check_is_removed() -> None:
    check("Mijn BSN is 123456782 of 123456789.", "Mijn BSN is [BSN] of [BSN].")
    check("bsn: 1234.56.789", "bsn: [BSN]")


def test_a_bsn_label_also_takes_eight_digits() -> None:
    check("bsn 12345678 graag", "bsn [BSN] graag")


@pytest.mark.parametrize(
    "written",
    [
        "NL92ABNA0417164300",
        "NL91-ABNA-0417-1643-00",
        "NL92 ABNA 0417 1643 00",
        "DE00 3704 0044 0532 0130 00",
        "NL91.ABNA.0417.1643.00",
    ],
)
def test_an_iban_with_a_wrong_check_digit_or_split_by_dashes_is_removed(written: str) -> None:
    check(f"Stort het op {written} aub.", "Stort het op [IBAN] aub.")


@pytest.mark.parametrize(
    "written",
    [
        "06-98765432",  # a range not issued
        "+31698765432",  # +31 without spaces, not issued
        "+31 6 9876 5432",
        "0031-6-98765432",
        "06.98.76.54.32",
        "(06) 98765432",
        "06/98765432",
        "+31 (0)45 560 50 60",
        "043-3501234",
        "06-1234567",  # a digit too few
        "06 123 456 789",  # a digit too many
        "06 - 12345678",
        "0 6 1 2 3 4 5 6 7 8",
    ],
)
def test_anything_shaped_like_a_phone_number_is_removed(written: str) -> None:
    check(f"bel me op {written} na 5 uur", "bel me op [TELEFOON] na 5 uur")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("klantnummer 40032177", "klantnummer [NUMMER]"),
        ("dossiernummer 2024/88123", "dossiernummer [NUMMER]"),
        (
            "Mijn klantnummer bij Essent is 40032177 en ik heb 3 maanden achterstand.",
            "Mijn klantnummer bij Essent is [NUMMER] en ik heb 3 maanden achterstand.",
        ),
        ("zaaknummer: Z-2024-1234", "zaaknummer: [NUMMER]"),
        ("Op de brief staat kenmerk ABC-123/45.", "Op de brief staat kenmerk [NUMMER]."),
        ("polisnummer 123456-01 bij CZ", "polisnummer [NUMMER] bij CZ"),
        ("contract nummer 778899", "contract nummer [NUMMER]"),
        ("factuurnr. 2024.0456 van 120 euro", "factuurnr. [NUMMER] van 120 euro"),
        (
            "Het beschikkingsnummer van de huurtoeslag is 2020-95906.",
            "Het beschikkingsnummer van de huurtoeslag is [NUMMER].",
        ),
        ("CJIB-nummer 1234 5678 9012 3456", "CJIB-nummer [NUMMER]"),
        ("relatienummer: KL123456", "relatienummer: [NUMMER]"),
    ],
)
def test_customer_and_case_numbers_are_removed_by_their_label(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Mijn klantnummer weet ik niet meer.",
        "Het CJIB stuurt boetes van 2 x 95 euro.",
        "Het CJIB heeft 3 boetes gestuurd van 90 euro.",
        "Het kenmerk staat op de brief van 12 maart.",
        "De factuur van 120 euro is nog niet betaald.",
    ],
)
def test_a_label_without_a_value_or_with_an_amount_keeps_the_message(text: str) -> None:
    check(text, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mijn auto 12-ABC-3 wordt opgehaald.", "Mijn auto [KENTEKEN] wordt opgehaald."),
        ("kenteken GH-123-J", "kenteken [KENTEKEN]"),
        ("kenteken 12abc3", "kenteken [KENTEKEN]"),
        ("kenteken: XX 99 XX", "kenteken: [KENTEKEN]"),
        ("de auto met nummerbord 1-KBB-12", "de auto met nummerbord [KENTEKEN]"),
        ("Mijn ex rijdt in de ZX-99-TT", "Mijn ex rijdt in de [KENTEKEN]"),
        ("De deurwaarder nam de 1KBB12 mee.", "De deurwaarder nam de [KENTEKEN] mee."),
    ],
)
def test_licence_plates_of_every_sidecode_shape_are_removed(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("geboren op twaalf maart negentienzevenentachtig", "geboren op [DATUM]"),
        ("Ik ben geboren op twaalfde maart 1987.", "Ik ben geboren op [DATUM]."),
        ("geboren op drieëntwintig juni negentien vierentachtig", "geboren op [DATUM]"),
        ("Mijn zoon is geboren op 3 mei tweeduizendvijf.", "Mijn zoon is geboren op [DATUM]."),
        ("geboren op 3-4-90", "geboren op [DATUM]"),
        ("12 maart 1987", "[DATUM]"),
    ],
)
def test_dates_of_birth_in_words_are_removed(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bsn 1\u200b1\u200b1\u200c2\u200d2\u20602\u00ad3\ufeff33", "bsn [BSN]"),
        ("bel 0\u200b6\u200b-12345678", "bel [TELEFOON]"),
        ("mail pi\u200bet@gmail.com", "mail [EMAIL]"),
        ("NL91\u200bABNA\u200b0417\u200b1643\u200b00", "[IBAN]"),
    ],
)
def test_digits_with_zero_width_characters_between_them_are_removed(
    text: str, expected: str
) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bel ０６－１２３４５６７８ aub", "bel [TELEFOON] aub"),
        ("bsn ١١١٢٢٢٣٣٣", "bsn [BSN]"),
        ("bsn ۱۱۱۲۲۲۳۳۳", "bsn [BSN]"),
        ("bel ०६१२३४५६७८", "bel [TELEFOON]"),
        ("NL９１ABNA０４１７１６４３００", "[IBAN]"),
        ("klantnummer ٤٠٠٣٢١٧٧", "klantnummer [NUMMER]"),
        ("geboren op ١٢-٠٣-١٩٨٥", "geboren op [DATUM]"),
    ],
)
def test_full_width_and_arabic_indic_digits_are_removed(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "written",
    ["piet＠gmail.com", "piet﹫gmail.com", "ｐｉｅｔ＠ｇｍａｉｌ．ｃｏｍ", "piet @ gmail.com"],
)
def test_an_email_with_any_form_of_at_is_removed(written: str) -> None:
    check(f"mail {written} graag", "mail [EMAIL] graag")


# --- normalisation maps back to what was typed ---------------------------------------------------


def test_the_placeholder_replaces_exactly_the_typed_span() -> None:
    text = "Hé, mijn bsn is １２３\u200b４５６７８９ en ik woon in Heerlen ☺."
    assert redact(text).text == "Hé, mijn bsn is [BSN] en ik woon in Heerlen ☺."


def test_normalisation_keeps_a_map_to_the_original() -> None:
    text = "a\u200bb１٢－"
    normalised = normalise_text(text)
    assert normalised.text == "ab12-"
    assert normalised.original_span(0, 5) == (0, len(text))
    assert normalised.original_span(2, 4) == (3, 5)


def test_spans_are_positions_in_the_typed_text() -> None:
    text = "tel ０６１２３４５６７８"
    (span,) = find_personal_data(text)
    assert (span.start, span.end, span.kind) == (4, len(text), PiiType.TELEFOON)


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dmytro, ik heb een vraag over de huur.", "[NAAM], ik heb een vraag over de huur."),
        ("Oksana. Ik heb schulden.", "[NAAM]. Ik heb schulden."),
        ("Groeten,\nOksana", "Groeten,\n[NAAM]"),
        ("Ngozi Okafor", "[NAAM]"),
    ],
)
def test_an_unknown_name_standing_alone_at_a_sentence_start_is_removed(
    text: str, expected: str
) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IK HEB MET DMYTRO GEBELD OVER DE HUUR", "IK HEB MET [NAAM] GEBELD OVER DE HUUR"),
        ("KAN OKSANA NAMENS MIJ BELLEN?", "KAN [NAAM] NAMENS MIJ BELLEN?"),
    ],
)
def test_an_unknown_name_in_a_message_written_in_capitals_is_removed(
    text: str, expected: str
) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Hoii, ik heb een vraag",
        "Heyyy. Ik heb schulden.",
        "Thanks!",
        "Thank you",
        "Zorgtoeslg?",  # a keyword with a typo, not a name
        "Kwijtscheldnig aanvragen",
        "HOE KAN IK KWIJTSCHELDING AANVRAGEN BIJ DE BSGW",
        "IK KRIJG GEEN WAJONG MEER VAN HET UWV",
        "Geb. 1985, alleenstaand",
    ],
)
def test_chat_words_acronyms_and_abbreviations_are_no_names(text: str) -> None:
    check(text, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ons huis aan de Nieuw Eyckholt 145 wordt verkocht.",
            "Ons huis aan de [ADRES] wordt verkocht.",
        ),
        (
            "Mevrouw Bemelmans, Nieuw Eyckholt 75, 6443 QI 224 Heerlen.",
            "Mevrouw [NAAM], [ADRES], [ADRES] Heerlen.",
        ),
    ],
)
def test_a_street_no_list_knows_is_removed_after_an_article_or_before_a_postcode(
    text: str, expected: str
) -> None:
    check(text, expected)


# --- never removed -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb 22k schuld.",
        "Ik kom 720 euro per maand tekort sinds maart 2024.",
        "De schuld is € 1.850,50 en loopt al 3 maanden.",
        "Ik heb ٣ maanden huurachterstand van € １.２００.",
        "Ik heb Geldfit gebeld op 0800-8115.",
        "De Belastingdienst zei: bel 0800-0543.",
        "Het gemeentenummer 14 045 is steeds in gesprek.",
        "Ik heb 113 gebeld en 0800-0113, en bij nood 112.",
        "Veilig Thuis: 0800-2000.",
        "Op 15-01-2026 10 uur moet ik betalen.",
        "Ik heb tussen 06:00 en 18:00 uur tijd.",
        "Van 2019 tot 2022 had ik een betalingsregeling.",
        "Ik heb een schuld van € 111.222.333 euro, grapje.",
        "Mijn schuld is 125.000.000 lire.",
        "Ik heb 100 200 300 400 500 euro schuld verspreid.",
        "Van 1-1-2024 tot 31-3-2024 had ik geen inkomen.",
        "Ik betaal 06-2024 tot 12-2024 elke maand 50 euro.",
        "Ik woon in NL sinds 2019 en verdien 1500 per maand.",
        "Ik moet betalen voor 1-mrt-25 of 1-mei-25.",
        "Ik heb Klarna 300 schuld en Riverty 120.",
    ],
)
def test_amounts_months_and_the_services_own_numbers_stay(text: str) -> None:
    check(text, text)


def test_the_numbers_the_bot_gives_are_read_from_its_texts() -> None:
    numbers = public_numbers()
    assert "08008115" in numbers.phones  # Geldfit, in bot/domain and actions/texts.nl.yml
    assert "08000543" in numbers.phones  # the Belastingdienst, in bot/domain


def test_a_number_or_postcode_added_to_a_bot_text_is_kept_from_then_on(tmp_path: Path) -> None:
    domain = tmp_path / "bot" / "domain"
    domain.mkdir(parents=True)
    (domain / "offices.yml").write_text(
        'responses:\n  utter_office:\n    - text: "Het Sociaal Plein, Geleenstraat 27, 6411 HR '
        'Heerlen, bel 088-1234567 of 045 560 40 00."\n',
        encoding="utf-8",
    )
    numbers = public_numbers(tmp_path)
    assert numbers.phones == {"0881234567", "0455604000"}
    assert numbers.postcodes == {"6411HR"}
    # and the ones that are not in any text are still removed
    check("bel 088-7654321", "bel [TELEFOON]")


def test_without_the_bot_texts_nothing_is_kept(tmp_path: Path) -> None:
    """The API's Docker image has no Rasa domain: its numbers are then removed (fails closed)."""
    numbers = public_numbers(tmp_path)
    assert numbers.phones == frozenset()
    assert numbers.postcodes == frozenset()


def test_a_postcode_and_number_of_a_public_office_in_a_bot_text_stay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from api.redaction import _redact
    from api.redaction._public import PublicNumbers

    office = PublicNumbers(phones=frozenset({"0881234567"}), postcodes=frozenset({"6411HR"}))
    monkeypatch.setattr(_redact, "public_numbers", lambda: office)
    text = "Moet ik naar 6411 HR Heerlen of 088-1234567 bellen? Ik woon op 6412 AB 3."
    assert redact(text).text == (
        "Moet ik naar 6411 HR Heerlen of 088-1234567 bellen? Ik woon op [ADRES]."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tel0612345678", "tel[TELEFOON]"),
        ("bsn123456789", "bsn[BSN]"),
        ("BSN:123456789", "BSN:[BSN]"),
    ],
)
def test_numbers_glued_to_a_word_are_removed(text: str, expected: str) -> None:
    check(text, expected)
