"""Comment text: control characters out on the way in, escaped and linked on the way out."""

from __future__ import annotations

from lxml import html as lxml_html

from nutgraf.web.comments.text import clean_text, count_links, render_text, text_fingerprint


def test_control_characters_are_removed_and_newlines_kept():
    raw = "Line one\x00\x07\x1b[31m\r\nLine\u202e two\u200b\x7f\x85\n\n\n\nEnd\t "
    assert clean_text(raw) == "Line one[31m\nLine two\n\nEnd"


def test_single_line_fields_fold_control_characters_to_spaces():
    assert clean_text("Ada\nLovelace\x00\t ", multiline=False) == "Ada Lovelace"


def test_rendering_escapes_markup():
    out = str(render_text('<script>alert(1)</script> & "quotes"'))
    assert "<script" not in out
    assert "&lt;script&gt;" in out
    assert "&amp;" in out
    assert "&quot;quotes&quot;" in out


def test_bare_links_become_nofollow_links_and_trailing_punctuation_stays_outside():
    out = str(render_text("See https://example.org/a?b=1&c=2. Or www.example.com, then."))
    doc = lxml_html.fragment_fromstring(out, create_parent="div")
    links = doc.findall(".//a")
    assert [a.get("href") for a in links] == [
        "https://example.org/a?b=1&c=2",
        "https://www.example.com",
    ]
    assert {a.get("rel") for a in links} == {"nofollow ugc noopener"}
    assert doc.text_content().endswith("www.example.com, then.")


def test_only_http_links_are_made():
    out = str(render_text("javascript:alert(1) data:text/html,<b>x</b> https://ok.example"))
    assert out.count("<a ") == 1
    assert 'href="https://ok.example"' in out


def test_a_link_cannot_break_out_of_its_attribute():
    out = str(render_text('https://example.org/"onmouseover="alert(1)'))
    doc = lxml_html.fragment_fromstring(out, create_parent="div")
    (link,) = doc.findall(".//a")
    assert link.get("onmouseover") is None
    assert link.get("href") == "https://example.org/"


def test_paragraphs_and_line_breaks():
    assert str(render_text("one\ntwo\n\nthree")) == "<p>one<br>two</p><p>three</p>"


def test_links_counted_and_fingerprint_ignores_case_and_spacing():
    assert count_links("a http://x.example b https://y.example www.z.example") == 3
    assert text_fingerprint("Buy   NOW, friends!") == text_fingerprint("buy now friends")
