"""extract_article on real-looking pages: what must appear, what must not, and what never raises."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutgraf.engine.errors import EncodingError, ExtractionError, NutgrafError
from nutgraf.engine.extract import decode_content, extract_article
from nutgraf.engine.language import detect_language
from nutgraf.engine.records import Source

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _html(name: str) -> Source:
    return Source(location=name, content=(PAGES / name).read_bytes(), media_type="text/html")


def _article_text(source: Source) -> str:
    return extract_article(source).text


MUST_APPEAR = [
    "The Harbour Bridge will close to all traffic from June",
    "About 48,000 vehicles cross the 1932 bridge each day.",
    "said Daniel Reyes, the authority's chief engineer.",
    "Two extra ferries will run between the north and south quays",
    "The repairs are expected to cost 310 million pounds",
    "could lose a fifth of their trade.",
]
MUST_NOT_APPEAR = [
    "Weather forecast",  # navigation
    "cookies",  # cookie banner
    "Share on Facebook",  # share buttons
    "Sign up for our newsletter",  # newsletter box
    "Advertisement",
    "Read more",
    "Council approves new cycle lanes",  # related links
    "Leave a comment",  # comment form
    "This is a disgrace",  # a reader comment
    "Celebrity chef",  # sidebar
    "All rights reserved",  # footer
    "Privacy policy",
    "Diversions and ferries",  # headings live in Article.headings, not in the text
]


@pytest.mark.parametrize("snippet", MUST_APPEAR)
def test_news_page_body_keeps_the_article(snippet: str) -> None:
    assert snippet in _article_text(_html("harbour_bridge.html"))


@pytest.mark.parametrize("snippet", MUST_NOT_APPEAR)
def test_news_page_body_drops_the_boilerplate(snippet: str) -> None:
    assert snippet.lower() not in _article_text(_html("harbour_bridge.html")).lower()


def test_news_page_metadata() -> None:
    article = extract_article(_html("harbour_bridge.html"))
    assert article.title == "Harbour bridge to close for two years as repairs begin"
    assert article.author == "Maria Okafor"
    assert article.published is not None
    assert article.published.startswith("2024-03-12")
    assert article.site_name == "The Coastal Courier"
    assert article.language == "en"
    assert article.section == "Local news"
    assert set(article.tags) >= {"Transport", "Infrastructure"}
    assert article.description == "Engineers found corrosion in the main cables of the 1932 bridge."
    assert article.image == "https://courier.example/img/bridge.jpg"


def test_news_page_headings_point_at_their_sections() -> None:
    article = extract_article(_html("harbour_bridge.html"))
    assert [h.text for h in article.headings] == ["Diversions and ferries", "Cost and funding"]
    first, second = article.headings
    assert article.text[first.start :].startswith("Drivers will be sent along the ring road")
    assert article.text[second.start :].startswith("The repairs are expected to cost")
    assert article.text[first.start - 2 : first.start] == "\n\n"


def test_paragraphs_are_separated_by_one_blank_line_and_normalised() -> None:
    text = _article_text(_html("harbour_bridge.html"))
    for paragraph in text.split("\n\n"):
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph
        assert "  " not in paragraph


def test_german_page_without_lang_attribute_is_detected() -> None:
    article = extract_article(_html("hochwasser.html"))
    assert article.language == "de"
    assert "Die Feuerwehr war mit mehr als 200 Einsatzkräften im Einsatz." in article.text
    assert "Startseite" not in article.text
    assert "Impressum" not in article.text


# Encodings ------------------------------------------------------------------------------------

FRENCH = (
    "<html><head><meta charset='{charset}'><title>Grève à la SNCF</title></head><body><article>"
    "<h1>Grève à la SNCF</h1>"
    "<p>Les cheminots ont voté une grève reconductible à partir de jeudi, a annoncé le syndicat "
    "majoritaire. Les trains régionaux seront les plus touchés, selon la direction.</p>"
    "<p>« Nous n'avons pas été entendus », a déclaré la secrétaire générale du syndicat, "
    "qui réclame une hausse des salaires de 6 % et l'embauche de 2 000 agents.</p>"
    "<p>La direction a proposé une prime exceptionnelle, jugée insuffisante par les "
    "représentants du personnel, et doit présenter un nouveau calendrier lundi prochain.</p>"
    "</article></body></html>"
)


def _french(charset: str, encoding: str) -> Source:
    content = FRENCH.format(charset=charset).encode(encoding)
    return Source(location="fr.html", content=content, media_type="text/html")


def test_cp1252_page_declared_utf8_is_read_right() -> None:
    article = extract_article(_french("utf-8", "cp1252"))
    assert "Les cheminots ont voté une grève reconductible" in article.text
    assert "« Nous n'avons pas été entendus »" in article.text
    assert article.language == "fr"


def test_latin1_page_is_read_right() -> None:
    article = extract_article(_french("iso-8859-1", "latin-1"))
    assert "La direction a proposé une prime exceptionnelle" in article.text


def test_utf16_page_with_bom_is_read_right() -> None:
    article = extract_article(_french("utf-16", "utf-16"))
    assert "La direction a proposé une prime exceptionnelle" in article.text


def test_utf8_bom_wins_over_a_wrong_declaration() -> None:
    content = b"\xef\xbb\xbf" + FRENCH.format(charset="iso-8859-1").encode("utf-8")
    article = extract_article(Source("fr.html", content, "text/html"))
    assert "grève reconductible" in article.text


def test_http_charset_is_honoured_when_it_decodes() -> None:
    content = FRENCH.format(charset="utf-8").encode("cp1252")
    article = extract_article(Source("fr.html", content, "text/html", charset="windows-1252"))
    assert "grève reconductible" in article.text


def test_binary_noise_is_an_encoding_error() -> None:
    noise = bytes(range(256)) * 40
    with pytest.raises(EncodingError):
        decode_content(noise)


def test_control_characters_are_stripped() -> None:
    page = (
        "<html><body><article><p>Le\x07 conseil\x1b municipal a voté\x00 le budget annuel après "
        "une longue séance de nuit, a indiqué la mairie dans un communiqué publié jeudi.</p>"
        "</article></body></html>"
    )
    text = _article_text(Source("x.html", page.encode(), "text/html"))
    assert not any(ord(ch) < 32 and ch not in "\n" for ch in text)
    assert "Le conseil municipal a voté le budget" in text


# Plain text and Markdown ------------------------------------------------------------------------


def test_plain_text_short_first_line_is_the_title() -> None:
    source = Source("t.txt", (PAGES / "council_budget.txt").read_bytes(), "text/plain")
    article = extract_article(source)
    assert article.title == "Council agrees budget after all-night session"
    assert article.text.startswith("The city council approved its budget")
    assert article.text.count("\n\n") == 1  # wrapped lines joined, two paragraphs
    assert "Council agrees budget" not in article.text


def test_plain_text_long_first_line_gives_its_first_sentence_as_title() -> None:
    text = (
        "The city council approved its budget at four in the morning. The plan raises council tax "
        "by 4.9 percent, the most allowed without a local vote, and keeps the libraries open."
    )
    article = extract_article(Source("t.txt", text.encode(), "text/plain"))
    assert article.title == "The city council approved its budget at four in the morning."
    assert article.text.startswith("The city council approved")


def test_markdown_title_headings_and_inline_markup() -> None:
    source = Source("r.md", (PAGES / "rover.md").read_bytes(), "text/markdown")
    article = extract_article(source)
    assert article.title == "Rover finds layered rock on crater floor"
    assert [(h.text, h.level) for h in article.headings] == [
        ("What the layers show", 2),
        ("Next steps", 3),
    ]
    assert article.text[article.headings[0].start :].startswith("Each layer is a few millimetres")
    # The image between the two sections leaves nothing, and moves no heading off its section.
    assert article.text[article.headings[1].start :].startswith("Drill a sample")
    assert "finely layered rock at the bottom of the crater, which scientists say" in article.text
    for markup in ("**", "](", "![", "#", "> ", "- Drill"):
        assert markup not in article.text
    assert "Drill a sample from the lowest layer" in article.text


def test_markdown_tables_code_and_comments() -> None:
    text = (
        "---\ntitle: Ferry route approved\ndate: 2025-03-04\n---\n\n"
        "The council voted 7 to 2 on Tuesday to approve the route. <!-- check the vote -->\n\n"
        "| quay | sailings |\n|---|---|\n| North | 12 |\n\n"
        "```\nschedule v2\n```\n\n<div>Timetable <b>attached</b></div>\n"
    )
    article = extract_article(Source("f.md", text.encode(), "text/markdown"))
    assert article.title == "Ferry route approved"
    assert article.published == "2025-03-04"
    assert article.text.split("\n\n") == [
        "The council voted 7 to 2 on Tuesday to approve the route.",
        "quay sailings",
        "North 12",
        "schedule v2",
        "Timetable attached",
    ]


def test_tiny_body_is_an_extraction_error() -> None:
    page = b"<html><body><nav><a href='/'>Home</a></nav><p>Hi.</p></body></html>"
    with pytest.raises(ExtractionError, match="no article text"):
        extract_article(Source("x.html", page, "text/html"))


def test_empty_text_file_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        extract_article(Source("x.txt", b"   \n\n  ", "text/plain"))


# Language ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "The minister said on Monday that the plan would be put to a vote in the spring."),
        (
            "de",
            "Der Minister sagte am Montag, dass der Plan im Frühjahr zur Abstimmung kommen wird.",
        ),
        (
            "fr",
            "Le ministre a déclaré lundi que le plan serait soumis au vote au printemps prochain.",
        ),
        ("es", "El ministro dijo el lunes que el plan se someterá a votación en la primavera."),
        (
            "it",
            "Il ministro ha detto lunedì che il piano sarà messo ai voti in primavera dal governo.",
        ),
        (
            "pt",
            "O ministro disse na segunda-feira que o plano será votado na primavera pelo governo.",
        ),
        (
            "nl",
            "De minister zei maandag dat het plan in het voorjaar aan de kamer wordt voorgelegd.",
        ),
    ],
)
def test_detect_language(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "Hello", "12 345 678", "Lorem ipsum dolor sit amet elit"])
def test_detect_language_is_unsure_on_little_evidence(text: str) -> None:
    assert detect_language(text) is None


# Never raises anything but NutgrafError ---------------------------------------------------------

HTMLISH = st.lists(
    st.sampled_from(
        [
            "<html>",
            "</html>",
            "<body>",
            "<p>",
            "</p>",
            "<div class='x'>",
            "</div>",
            "<h2>",
            "</h2>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<?xml?>",
            "<meta charset='utf-16'>",
            "&amp;",
            "&#0;",
            "&#x110000;",
            "\x00",
            "\ufeff",
            "<article>",
            "<table><tr><td>",
            "<ul><li>",
            "<br>",
            "<img src=x>",
            "<",
            ">",
            "word ",
            "Lorem ipsum dolor sit amet. ",
            "\u202e",
            "\ud7ff",
            "ü",
            "\n",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.one_of(st.binary(max_size=3000), HTMLISH.map(lambda s: s.encode("utf-8"))),
    media_type=st.sampled_from(["text/html", "text/plain", "text/markdown"]),
    charset=st.one_of(st.none(), st.sampled_from(["utf-8", "utf-16", "bogus", "latin-1"])),
)
def test_extraction_never_raises_anything_but_nutgraf_errors(
    content: bytes, media_type: str, charset: str | None
) -> None:
    try:
        article = extract_article(Source("x", content, media_type, charset=charset))
    except NutgrafError:
        return
    assert len(article.text) >= 40
    assert all(0 <= h.start <= len(article.text) for h in article.headings)
