"""The NLU safety net's patterns (bot/safety/): crisis and violence always found, never for
ordinary money words; English detected by language, never for short Dutch messages."""

from __future__ import annotations

import pytest

from bot.safety import language, patterns
from bot.safety.component import decide

SUICIDE = [
    "ik zie het niet meer zitten",
    "Ik zie het echt niet meer zitten met al die schulden",
    "ik zie t niet meer zitten",
    "ik zie het nie mer zitten",
    "iedereen is beter af zonder mij",
    "iedereen zou beter af zijn als ik er niet meer ben",
    "niemand zou me missen",
    "ik maak er gewoon een eind aan",
    "ik denk steeds aan de dood",
    "ik ben het leven zat",
    "ik wil gewoon verdwijnen",
    "ik wil mezelf van kant maken",
    "ik denk erover me om het leven te brengen",
    "mijn kinderen zijn beter af zonder mij, de schulden worden te veel",
    "ik wil er niet meer zijn",
    "ik wil er eigenlijk niet meer zijn",
    "ik wil er echt gewoon niet meer zijn",
    "ik wil eigenlijk niet meer leven",
    "ik wil er gewoon niet meer zijn door die deurwaarder",
    "ik wil dood",
    "k wil dood",
    "eigenlijk wil ik liever dood",
    "ik denk aan zelfmoord",
    "zelfmoort",
    "zelmoord gedachtes",
    "ik heb suïcidale gedachten",
    "ik wil niet meer leven",
    "ik wil een eind aan mijn leven maken",
    "ik wil er een einde aan maken",
    "ik wil mezelf iets aandoen",
    "soms snij ik mezelf",
    "ik wil van de brug springen",
    "ik wil slapen en nooit meer wakker worden",
    "het leven heeft geen zin meer",
    "het hoeft voor mij niet meer",
    "ik zie geen uitweg meer",
    "ich zeen 't neet mie zitte",
    "ich wil neet mie leve",
    "ich wil dood",
    "ich wil d'r neet mie zien",
    "ich doon mich get aan",
    "I want to kill myself",
    "i want to die",
    "everyone is better off without me",
    "Ik WIL ER NIET MEER ZIJN!!!",
]
VIOLENCE = [
    "mijn man slaat mij",
    "mijn partner slaat me als er geen geld is",
    "hij slaat me",
    "ik word thuis geslagen",
    "ik word mishandeld",
    "ik ben bang voor mijn man",
    "ik ben niet veilig thuis",
    "huiselijk geweld",
    "hij dreigt mij te vermoorden",
    "mijn ex bedreigt mij",
    "mijn man pakt al mijn geld af",
    "ich weur geslage",
    "mn vriend heeft me weer geslagen omdat er geen geld is",
    "my husband hits me",
]
NOT_CRISIS = [
    "ik ben dood op",
    "ik ben doodmoe",
    "doodmoe van al die brieven",
    "mijn energie is afgesloten",
    "mijn stroom wordt afgesloten",
    "ik schrik me dood van die brief",
    "ik lach me dood",
    "mijn man is vorig jaar overleden",
    "mijn moeder is dood",
    "ik ben doodsbang voor de deurwaarder",
    "de deurwaarder dreigt met beslag",
    "ik ben bang dat ik mijn huis kwijtraak",
    "ik wil niet meer wachten",
    "ik wil een einde aan die schulden",
    "hoe maak ik een eind aan de betaalregeling",
    "ik ben het wachten zat",
    "ik wil een einde aan het gedoe met de deurwaarder maken",
    "ik wil stoppen met de check",
    "ik wil niet meer betalen dan nodig",
    "ik zie het wel zitten",
    "ik zie het nut er niet van",
    "ik heb geen zin meer in die vragen",
    "mijn huur is 720 euro per maand",
    "ik heb schulden bij de zorgverzekering",
    "de energie is zo duur, ik ga er dood aan",
    "mijn vriend helpt me met de brieven",
    "ik ben 34 en woon alleen",
    "wis mijn gegevens",
    "",
]


@pytest.mark.parametrize("text", SUICIDE)
def test_suicidal_wording_is_a_crisis(text: str) -> None:
    assert patterns.override_intent(text) == "crisis_suicide"


@pytest.mark.parametrize("text", VIOLENCE)
def test_violence_at_home_is_found(text: str) -> None:
    assert patterns.override_intent(text) == "domestic_violence"


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_ordinary_words_are_not_a_crisis(text: str) -> None:
    assert patterns.override_intent(text) not in {"crisis_suicide", "domestic_violence"}


@pytest.mark.parametrize("text", ["help", "Help!", "help me", "hulp", "hulp nodig", "hellup"])
def test_help_is_a_request_for_help(text: str) -> None:
    assert patterns.override_intent(text) == "ask_help"


@pytest.mark.parametrize("text", ["wat bedoel je?", "Wat bedoelt u", "huh?", "ik snap het niet"])
def test_what_do_you_mean(text: str) -> None:
    assert patterns.override_intent(text) == "explain_last"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("wat is kale huur?", "kale_huur"),
        ("wat betekent bezwaar", "bezwaar"),
        ("wat bedoel je met toeslagpartner", "toeslagpartner"),
        ("toetsingsinkomen?", "toetsingsinkomen"),
        ("wat is een betaalregeling", "betaalregeling"),
        ("wats kwijtschelding", "kwijtschelding"),
        ("wat is de beslagvrije voet", "beslagvrije_voet"),
        ("wat houdt bewindvoering in", "bewindvoering"),
    ],
)
def test_question_about_a_term(text: str, key: str) -> None:
    term = patterns.asked_term(text)
    assert term is not None
    assert term.key == key


@pytest.mark.parametrize(
    "text", ["kan ik huurtoeslag krijgen?", "mijn kale huur is 650", "ik heb een betaalregeling"]
)
def test_a_term_without_a_question_is_not_asked(text: str) -> None:
    assert patterns.asked_term(text) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hello", "greet"),
        ("I cannot pay my rent", "cannot_pay_rent"),
        ("my landlord wants to evict me", "eviction_threat"),
        ("my landlord says we have to leave the house next month", "eviction_threat"),
        ("there is a bailiff at my door", "bailiff_or_garnishment"),
        ("I have no money for food", "food_emergency"),
        ("can I talk to a person please", "ask_human"),
        ("is this chat anonymous", "privacy_question"),
        ("what benefits am I entitled to", "check_benefits"),
        ("I want to kill myself", "crisis_suicide"),
    ],
)
def test_english_is_detected_and_understood(text: str, intent: str) -> None:
    assert decide(text) == (intent, "en")


@pytest.mark.parametrize(
    "text",
    ["ok", "ja", "hoi", "nee", "oke", "top", "doei", "help", "sorry", "privacy", "hi", "ok top"],
)
def test_short_messages_never_change_the_language(text: str) -> None:
    assert language.detect(text) is None


@pytest.mark.parametrize("text", ["what about zorgtoeslag?", "and the kindgebonden budget?"])
def test_a_dutch_scheme_name_does_not_make_english_dutch(text: str) -> None:
    assert language.detect(text) != "nl"


@pytest.mark.parametrize(
    "text",
    [
        "ik kan de huur niet betalen",
        "is dit anoniem",
        "kan ik met iemand praten",
        "ich kin de hoer neet betaale",
        "mijn huur is 720 euro per maand",
        "ik wil een person spreken",
    ],
)
def test_dutch_stays_dutch(text: str) -> None:
    assert language.detect(text) in {"nl", None}
    assert decide(text)[1] != "en"


def test_button_payload_is_left_alone() -> None:
    forced, _ = decide("ik zie het niet meer zitten")
    assert forced == "crisis_suicide"
