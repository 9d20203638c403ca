"""Reading both sources side by side, with every published claim pair marked and linked to its other side."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.bank.models import ClaimPair
from app.extensions import db
from app.reading.marks import ClaimMark, Span, segment

PAIR = "compare-toast-pair"  # this module's own pairs, added to the shipped bank by the fixture below
SILENCE = "compare-patience-silence"
OTHER = "compare-other-pair"
PATIENCE = "The communist allies must therefore endure and be patient."
TOAST = "I propose to extend heartfelt thanks to Comrade Kim Il Sung with warm applause."
LOST_NOTHING = (
    "dismissed the Koreans’ concerns with the memorable comment that they “have lost nothing, except people.”"
)
DPRK_HEADINGS = (
    "Rehe Expedition and Principle of Independence",
    "Stalin’s Toast",
    "Rejected Demand of Joining CMEA",
    "Production of Steel with UHP Electric Arc Furnace",
)


@pytest.fixture
def loaded_app(loaded_app: Flask) -> Flask:
    """The shipped bank and this module's pairs: a quoted one, a silence and one more to stay marked."""

    def pair(
        pair_id: str, dprk_quote: str, weathersby_quote: str, relation: str, rationale: str
    ) -> ClaimPair:
        return ClaimPair(
            id=pair_id, a_source_id="dprk", a_quote=dprk_quote, b_source_id="weathersby",
            b_quote=weathersby_quote, relation=relation, rationale=rationale, status="published",
        )  # fmt: skip

    with loaded_app.app_context():
        db.session.add_all(
            [
                pair(
                    PAIR,
                    TOAST,
                    LOST_NOTHING,
                    "qualifies",
                    "A public toast in 1949, a private remark in 1952.",
                ),
                pair(SILENCE, "", PATIENCE, "silent", "The publication never mentions the war's last years."),
                pair(
                    OTHER, "This was an unprecedented event for him", PATIENCE, "qualifies", "Another pair."
                ),
            ]
        )
        db.session.commit()
    return loaded_app


def page_of(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def published_pairs(app: Flask) -> list[ClaimPair]:
    with app.app_context():
        return list(db.session.scalars(select(ClaimPair).where(ClaimPair.status == "published")))


def panel_of(page: str) -> str:
    match = re.search(r'<section class="pair-panel".*?</section>', page, re.S)
    assert match, "no claim pair panel"
    return match.group(0)


def test_both_sources_side_by_side_with_headings_passages_and_footnotes(
    loaded_app: Flask, client: FlaskClient
) -> None:
    page = page_of(client, "/read")
    assert "Kim Il Sung and His Spirit of Independence" in page
    assert "North Korea and the Armistice Negotiations" in page
    assert "Kathryn Weathersby (historian)" in page
    for number in range(1, 61):
        assert page.count(f'id="weathersby-fn{number}"') == 1, number
    for heading in DPRK_HEADINGS:
        assert f"<h3>{heading}</h3>" in page
    assert "<h3>Requests for Aid for Postwar Reconstruction</h3>" in page
    assert 'id="dprk-p001"' in page and 'id="weathersby-p054"' in page
    assert "[footnoteRef" not in page
    assert "pair-panel" not in page, "no pair was asked for"
    assert re.search(r'<script src="/static/compare.js[^"]*" defer>', page)


def test_the_columns_come_in_source_order_each_with_a_jump_to_the_other(
    loaded_app: Flask, client: FlaskClient
) -> None:
    page = page_of(client, "/read")
    assert page.index('id="col-dprk"') < page.index('id="col-weathersby"')
    assert '<a href="#col-weathersby">Jump to North Korea and the Armistice Negotiations</a>' in page
    assert '<a href="#col-dprk">Jump to Kim Il Sung and His Spirit of Independence</a>' in page


def marked_text(page: str, claim_id: str, counterpart_href: str) -> str:
    """The words between a claim's start (its mark or anchor) and its counterpart link, tags removed.

    Several claims may start at the same word (an empty anchor carries each extra id) or overlap; the
    other claims' links that fall inside the span are not part of the quote.
    """
    start = page.index(f'id="{claim_id}"')
    start = page.index(">", start) + 1
    end = page.index(f'href="{counterpart_href}"', start)
    end = page.rindex("<a ", start, end)
    region = re.sub(r'<a class="claim-link[^"]*"[^>]*>.*?</a>', "", page[start:end], flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", region)).split())


def test_every_published_claim_is_marked_once_and_links_to_its_counterpart(
    loaded_app: Flask, client: FlaskClient
) -> None:
    page = page_of(client, "/read")
    pairs = published_pairs(loaded_app)
    assert len(pairs) >= 10
    for pair in pairs:
        for side, other, quote in (("a", "b", pair.a_quote), ("b", "a", pair.b_quote)):
            if pair.silent_source_id is not None:
                # A silence has no words to mark; the claim it answers links to the pair's own panel.
                silent = {"a": pair.a_source_id, "b": pair.b_source_id}[side] == pair.silent_source_id
                href = f"/read?pair={pair.id}#pair-heading"
                assert page.count(f'id="claim-{pair.id}-{side}"') == (0 if silent else 1), (pair.id, side)
                assert page.count(f'href="{href}"') == 1, pair.id
                if not silent:
                    assert marked_text(page, f"claim-{pair.id}-{side}", href) == " ".join(quote.split())
                continue
            assert page.count(f'id="claim-{pair.id}-{side}"') == 1, (pair.id, side)
            assert page.count(f'href="#claim-{pair.id}-{other}"') == 1, (pair.id, side)
            assert marked_text(page, f"claim-{pair.id}-{side}", f"#claim-{pair.id}-{other}") == " ".join(
                quote.split()
            ), (pair.id, side)
    # Claims that coincide or overlap share marks, so there are at most two marks a pair.
    assert 0 < page.count('<mark class="claim') <= 2 * len(pairs)
    assert (
        'aria-label="Qualifies: see the contrasting claim in North Korea and the Armistice Negotiations"'
        in page
    )
    assert (
        'aria-label="Silent: Kim Il Sung and His Spirit of Independence says nothing on this point; '
        'see why that matters">other source silent</a>' in page
    )


def test_a_claim_pair_in_focus_shows_both_quotes_the_relation_and_the_rationale(
    loaded_app: Flask, client: FlaskClient
) -> None:
    page = page_of(client, f"/read?pair={PAIR}")
    panel = panel_of(page)
    assert "This claim pair" in panel
    assert '<span class="relation relation-qualifies">qualifies</span>' in panel
    assert "A public toast in 1949, a private remark in 1952." in unescape(panel)
    assert f'<mark class="quote">{TOAST}</mark>' in panel
    assert f'<mark class="quote">{LOST_NOTHING}</mark>' in panel
    # The quotes sit in their paragraphs, in column order, with a way to each passage in the full text.
    assert panel.index(TOAST) < panel.index(LOST_NOTHING)
    assert "Availing myself of this significant opportunity" in panel
    assert '<a href="#dprk-p024">Go to ¶24 in the full text</a>' in panel
    assert '<a href="#weathersby-p027">Go to ¶27 in the full text</a>' in panel
    assert 'class="passage passage-focus" id="dprk-p024"' in page
    assert 'class="passage passage-focus" id="weathersby-p027"' in page
    assert page.count("passage-focus") == 2
    # The pair's claim is marked in focus (sharing its mark when another pair quotes the same words).
    assert re.search(
        rf'<(mark class="claim[^"]*claim-focus"|span class="claim-anchor") id="claim-{PAIR}-a">', page
    )


def test_unknown_claim_pair_is_a_clear_404(loaded_app: Flask, client: FlaskClient) -> None:
    response = client.get("/read?pair=no-such-pair")
    assert response.status_code == 404
    assert "There is no published claim pair with that id." in response.get_data(as_text=True)


def test_a_draft_pair_is_never_shown_nor_marked(loaded_app: Flask, client: FlaskClient) -> None:
    with loaded_app.app_context():
        db.session.get(ClaimPair, PAIR).status = "draft"
        db.session.commit()
    response = client.get(f"/read?pair={PAIR}")
    assert response.status_code == 404
    assert "There is no published claim pair with that id." in response.get_data(as_text=True)
    for url in ("/read", "/sources/dprk", "/sources/weathersby"):
        page = page_of(client, url)
        assert PAIR not in page, url
        assert "have lost nothing, except people" in page or TOAST in page
    assert f'id="claim-{OTHER}-a"' in page_of(client, "/read"), "other pairs stay marked"


def test_the_single_source_view_marks_claims_and_links_to_both_side_by_side(
    loaded_app: Flask, client: FlaskClient
) -> None:
    page = page_of(client, "/sources/weathersby")
    assert marked_text(page, f"claim-{PAIR}-b", f"/read?pair={PAIR}#claim-{PAIR}-a") == unescape(LOST_NOTHING)
    assert (
        'aria-label="Qualifies: see the contrasting claim in Kim Il Sung and His Spirit of Independence"'
        in page
    )
    assert '<a href="/read">Read both sources side by side</a>' in page


def test_a_silence_pair_in_focus_says_the_other_source_is_silent_and_why(
    loaded_app: Flask, client: FlaskClient
) -> None:
    panel = panel_of(page_of(client, f"/read?pair={SILENCE}"))
    assert '<span class="relation relation-silent">silent</span>' in panel
    assert "The publication never mentions the war&#39;s last years." in panel
    assert f'<mark class="quote">{PATIENCE}</mark>' in panel
    assert "Says nothing on this point." in panel
    assert "Kim Il Sung and His Spirit of Independence never addresses this claim" in panel
    assert '<mark class="quote"></mark>' not in panel


def test_without_two_sources_the_page_says_so(client: FlaskClient) -> None:
    page = page_of(client, "/read")
    assert "Two sources are needed" in page
    assert "flask --app app bank load" in page


class Tree(HTMLParser):
    """Checks that tags nest properly and collects text outside the counterpart links."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (id, text) of each mark

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        if tag == "mark":
            assert "mark" not in self.open[:-1], "a mark inside a mark"
            self.marks.append((dict(attrs).get("id") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data: str) -> None:
        if "a" not in self.open:
            self.text.append(data)
        if self.open and self.open[-1] == "mark":
            mark_id, text = self.marks[-1]
            self.marks[-1] = (mark_id, text + data)


def test_overlapping_and_coinciding_claims_render_as_well_formed_html(app: Flask) -> None:
    text = "Stalin thanked Kim & Mao. Stalin said <they> lost nothing."
    spans = [Span(0, 25, "p-a"), Span(15, 58, "q-a"), Span(15, 58, "r-a")]
    claims = {
        label: ClaimMark(f"claim-{label}", "qualifies", f"#claim-{label[0]}-b", "The other source")
        for label in ("p-a", "q-a", "r-a")
    }
    with app.test_request_context():
        macros = app.jinja_env.get_template("sources/_passage.html").module
        html = str(macros.claim_text(segment(text, spans), claims))
    tree = Tree()
    tree.feed(f"<p>{html}</p>")
    tree.close()
    assert tree.open == []
    assert unescape("".join(tree.text)) == text, "text lost or duplicated"
    assert "&lt;they&gt;" in html and "&amp; Mao" in html
    assert [mark_id for mark_id, _ in tree.marks] == ["claim-p-a", "claim-q-a", ""]
    assert 'id="claim-r-a"' in html, "a claim opening with another still has its anchor"
    for label in claims:
        assert html.count(f'href="#claim-{label[0]}-b"') == 1, label
    # Each counterpart link follows the end of its own claim, never inside a mark.
    assert html.index('href="#claim-p-b"') > html.index("Mao.</mark>")
    assert html.index('href="#claim-q-b"') > html.index("lost nothing.</mark>")
