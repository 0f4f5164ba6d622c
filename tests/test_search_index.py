"""kb/built/search_index.py: what Pagefind reads on each page, the Welsh radicals added, the facets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.built import search_index as si
from kb.sources.vocabularies import load_vocabularies

REPO = Path(__file__).resolve().parent.parent


def page(lang: str, body: str, extra_after: str = "") -> str:
    return (
        f'<!doctype html><html lang="{lang}" class="no-js"><head><title>T</title></head><body>'
        '<header><nav>Dewislen Canllawiau</nav></header><main>'
        f'<article class="md-content__inner md-typeset">{body}</article>{extra_after}'
        "</main><footer>Troedyn</footer></body></html>"
    )


def test_extra_terms_are_the_radicals_of_mutated_words() -> None:
    text = "Mae'r gymuned yng Nghymru yn helpu'r bobl. Mae gan y cymuned ddŵr."
    extra = si.extra_terms(text)
    assert "cymru" in extra and "pobl" in extra and "dŵr" in extra
    assert "cymuned" not in extra  # already written on the page
    assert "yng" not in extra and "thw" not in extra
    assert all(e == e.lower() for e in extra)


def test_extra_terms_of_plain_text_add_nothing_surprising() -> None:
    assert si.extra_terms("sector") == []
    assert si.extra_terms("ffordd llan rhaid") == []


def test_welsh_page_gets_hidden_low_weight_radicals_inside_the_indexed_body() -> None:
    prepared = si.prepare_page(page("cy", "<h1>Cymuned</h1><p>Yng nghymuned y dref.</p>"), "/cy/x/")
    assert prepared is not None and prepared.lang == "cy"
    assert "cymuned" not in prepared.extra  # 'Cymuned' is on the page already
    assert "tref" in prepared.extra
    html = prepared.html
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in html
    block_at = html.index("data-pagefind-weight")
    assert html.index("<article") < block_at < html.index("</article>")
    assert f'data-pagefind-meta="{si.EXTRA_META}:{len(prepared.extra)}"' in html
    assert "<div hidden" in html
    # Menus and footer stay outside the body Pagefind reads.
    assert html.index("Dewislen") < html.index("data-pagefind-body")


def test_english_page_is_marked_but_gets_no_radicals() -> None:
    prepared = si.prepare_page(page("en", "<h1>Community</h1><p>The community of Gwynedd.</p>"), "/x/")
    assert prepared is not None and prepared.extra == []
    assert "data-pagefind-weight" not in prepared.html


def test_excluded_elements_add_no_radicals() -> None:
    body = '<h1>Teitl<a class="headerlink" href="#t">¶</a></h1><details class="kb-embed">gwefan bapur</details>'
    prepared = si.prepare_page(page("cy", body), "/cy/x/")
    assert prepared is not None
    assert "papur" not in prepared.extra and "cwefan" not in prepared.extra


def test_text_marked_as_english_gets_no_radicals() -> None:
    body = '<p>Mae\'r gymuned yn darllen <cite lang="en">When the public <i>was</i> heard</cite> bob dydd.</p>'
    prepared = si.prepare_page(page("cy", body), "/cy/x/")
    assert prepared is not None
    assert "cymuned" in prepared.extra and "dydd" not in prepared.extra
    assert not {"gwhen", "gwas", "heard"} & set(prepared.extra)
    assert "tydd" in prepared.extra  # 'dydd' after the English: Welsh again ('dydd' may be soft 'tydd')


def test_nested_article_does_not_end_the_body_early() -> None:
    body = "<p>un</p><article><p>dau</p></article><p>Mae'r gymuned yma.</p>"
    prepared = si.prepare_page(page("cy", body), "/cy/x/")
    assert prepared is not None and "cymuned" in prepared.extra
    assert prepared.html.index("data-pagefind-weight") > prepared.html.index("gymuned yma")


def test_page_without_content_article_is_not_indexed() -> None:
    redirect = '<!doctype html><html lang="cy"><head><meta http-equiv="refresh" content="0; url=../"></head></html>'
    assert si.prepare_page(redirect, "/cy/old/") is None


def test_urls_and_skipped_files(tmp_path: Path) -> None:
    for rel in ["index.html", "cy/guides/a/index.html", "404.html", "cy/404.html", "pagefind/x.html"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    files = [si.url_of(tmp_path, f) for f in si.html_files(tmp_path)]
    assert files == ["/cy/guides/a/", "/"]


def test_facet_filters_use_labels_in_the_page_language() -> None:
    vocabularies = load_vocabularies(REPO)
    meta = {"type": "case-study", "themes": ["involvement"], "regions": ["isle-of-anglesey"], "sectors": ["housing"]}
    assert si.facet_filters(meta, "cy", vocabularies) == [
        ("type", "Astudiaeth achos"),
        ("theme", "Cynnwys ac ymgysylltu"),
        ("region", "Ynys Môn"),
        ("sector", "Tai"),
    ]
    assert ("region", "Isle of Anglesey") in si.facet_filters(meta, "en", vocabularies)
    assert si.facet_filters({"themes": ["no-such-theme"]}, "cy", vocabularies) == []


def test_facet_labels_pair_both_languages() -> None:
    labels = si.facet_labels(load_vocabularies(REPO), ["en", "cy"])
    assert labels["theme"]["label"] == {"en": "Theme", "cy": "Thema"}
    assert {"en": "Housing", "cy": "Tai"} in labels["sector"]["terms"]


def test_every_search_string_exists_in_welsh_and_english() -> None:
    data = yaml.safe_load((REPO / "data" / "ui" / "search.yml").read_text(encoding="utf-8"))
    cy = si.ui_strings(data, "cy")
    en = si.ui_strings(data, "en")
    assert cy.keys() == en.keys()
    assert cy["both_languages"] == "Chwilio'r ddwy iaith"
    assert en["both_languages"] == "Search both languages"


def test_a_missing_welsh_string_is_an_error_not_english() -> None:
    with pytest.raises(ValueError, match="no 'cy' text for label"):
        si.ui_strings({"label": {"en": "Search"}}, "cy")


def test_only_the_article_is_changed_wherever_it_sits_in_the_page() -> None:
    # A long menu on many lines before the article and the article opening mid-line: the marker and
    # the hidden block go exactly after the opening tag and before the closing one, nothing else moves.
    menu = "\n".join(f'<li><a href="/cy/{i}/">Canllaw {i}</a></li>' for i in range(300))
    before = f'<!doctype html>\n<html lang="cy"><body>\n<nav><ul>\n{menu}\n</ul></nav>\n<main>  '
    opening = '<article class="md-content__inner md-typeset">'
    inner = "\n<h1>Teitl</h1>\n<p>Yng\nnghymuned y dref.</p>\n"
    after = "</article>\n<footer>Troedyn gymuned</footer></main></body></html>\n"
    prepared = si.prepare_page(before + opening + inner + after, "/cy/x/")
    assert prepared is not None and prepared.extra == ["cymuned", "tref"]
    block = prepared.html[len(before) + len(opening) + len(" data-pagefind-body") + len(inner) : -len(after)]
    assert prepared.html == before + opening[:-1] + " data-pagefind-body>" + inner + block + after
    assert block.startswith("<div hidden") and block.endswith("cymuned tref</div>")


def test_an_article_tag_the_quick_search_misreads_is_still_found() -> None:
    # '>' inside an attribute value before the class: the whole page is parsed instead.
    source = page("cy", "<p>Yng nghymuned y dref.</p>").replace(
        "<article class=", '<article data-note="a > b" class='
    )
    prepared = si.prepare_page(source, "/cy/x/")
    assert prepared is not None and prepared.extra == ["cymuned", "tref"]
    assert '<article data-note="a > b" class="md-content__inner md-typeset" data-pagefind-body>' in prepared.html


# -- issue 12: ranking marks, readable excerpts, the site's Welsh vocabulary ------------------
RANKING = si.Ranking.from_data(yaml.safe_load((REPO / "data" / "search" / "ranking.yml").read_text(encoding="utf-8")))


def test_page_marks_rank_content_above_listing_pages_and_leave_out_the_parity_report() -> None:
    assert si.page_marks({"id": "tempo", "type": "case-study", "summary": "Time\n credits."}, RANKING) == {
        "tier": "content", "summary": "Time credits."
    }
    assert si.page_marks({"id": "any", "type": "resource"}, RANKING)["tier"] == "content"  # later types too
    assert si.page_marks({"id": "guides", "type": "page"}, RANKING)["tier"] == ""
    assert si.page_marks({"id": "parity", "type": "page"}, RANKING)["index"] == "exclude"
    assert si.page_marks({"id": "glossary", "type": "guide"}, RANKING)["index"] == "terms"


def head_mark(mark: str) -> str:
    return f'<meta name="{si.INDEX_META}" content="{mark}"></head>'


def test_a_page_marked_exclude_is_not_indexed() -> None:
    source = page("en", "<h1>Welsh and English in step</h1><p>docs/guides/a.md</p>").replace("</head>", head_mark("exclude"))
    assert si.prepare_page(source, "/about/parity/") is None


def test_glossary_cells_weigh_more_than_body_text() -> None:
    table = "<table><tr><td>community</td><td>cymuned</td></tr></table>"
    source = page("en", f"<h1>Glossary</h1>{table}").replace("</head>", head_mark("terms"))
    prepared = si.prepare_page(source, "/guides/glossary/")
    assert prepared is not None
    assert prepared.html.count('<td data-pagefind-weight="4">') == 2
    plain = si.prepare_page(page("en", f"<h1>Other</h1>{table}"), "/x/")
    assert plain is not None and "data-pagefind-weight" not in plain.html


def test_a_definition_term_is_separated_from_its_value() -> None:
    # Pagefind runs '<dt>Areas</dt><dd>Swansea</dd>' together as 'AreasSwansea' in excerpts.
    body = "<dl><dt>Ardaloedd</dt><dd>Abertawe</dd><dt>Themâu</dt><dd>Tai</dd></dl>"
    prepared = si.prepare_page(page("cy", body), "/cy/x/")
    assert prepared is not None
    assert "<dt>Ardaloedd</dt>: <dd>Abertawe</dd>. <dt>Themâu</dt>: <dd>Tai</dd></dl>" in prepared.html


def test_radicals_are_limited_to_the_sites_welsh_vocabulary(tmp_path: Path) -> None:
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    pages = {
        "cy/a/index.html": "<h1>Deddf</h1><p>Mae'r gymuned yn defnyddio GitHub.</p>",
        "cy/b/index.html": "<h1>Cymuned</h1><p>Yng nghymru mae ysbyty.</p>",
    }
    for rel, body in pages.items():
        (site / rel).parent.mkdir(parents=True)
        (site / rel).write_text(page("cy", body), encoding="utf-8")
    stats = si.prepare_site(site, mirror)
    a = (mirror / "cy/a/index.html").read_text(encoding="utf-8")
    assert "cymuned</div>" in a  # 'gymuned': cymuned is a word of the site
    assert "teddf" not in a and "cithub" not in a  # the rules allow them; the site never says them
    b = (mirror / "cy/b/index.html").read_text(encoding="utf-8")
    assert ">cymru</div>" in b and "gysbyty" not in b  # nasal 'nghymru' is certain; 'gysbyty' not a word
    assert {"cymuned", "cymru", "nghymru", "deddf"} <= stats.welsh_words and "teddf" not in stats.welsh_words


def test_the_vocabulary_is_published_in_small_files_by_first_letters(tmp_path: Path) -> None:
    keys = si.write_lexicon(["cymuned", "cymru", "ŵyl", "y", "gymuned"], tmp_path / "cy")
    assert keys == ["cy", "gy", "wy"]
    assert (tmp_path / "cy" / "cy.txt").read_text(encoding="utf-8") == "cymru\ncymuned\n"
    assert (tmp_path / "cy" / "wy.txt").read_text(encoding="utf-8") == "ŵyl\n"  # 'y' is too short to offer
    si.write_lexicon(["pobl"], tmp_path / "cy")
    assert sorted(p.name for p in (tmp_path / "cy").iterdir()) == ["po.txt"]  # nothing left over


@pytest.mark.parametrize("case", json.loads((REPO / "tests/vectors/mutations.json").read_text("utf-8"))["shard_keys"]["cases"])
def test_shard_keys_match_the_shared_vectors(case: dict[str, str]) -> None:
    assert si.shard_key(case["word"]) == case["expect"]


def test_a_page_is_the_home_of_the_acronyms_it_defines_for_its_title() -> None:
    title = "Byrddau Gwasanaethau Cyhoeddus a'u cynlluniau llesiant"
    text = "Mae Byrddau Gwasanaethau Cyhoeddus (BGCau) yn dod â'r cyrff ynghyd. Deddf 2015 (y Ddeddf)."
    assert si.defined_acronyms(text, title) == ["BGC"]
    assert si.defined_acronyms("Public Services Boards (PSBs) bring", "Public Services Boards") == ["PSB"]
    assert si.defined_acronyms("Public Services Boards (PSBs) bring", "Time credits") == []  # not its page
    assert si.defined_acronyms("the Act (2015) and the plan (see below)", "The Act") == []
    body = f"<h1>{title}</h1><p>{text}</p>"
    prepared = si.prepare_page(page("cy", body), "/cy/guides/psb/")
    assert prepared is not None and 'data-pagefind-meta="aka:BGC"' in prepared.html


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Public", "Services", "Boards", "and", "the", "Act", "Byrddau", "Gwasanaethau",
                                 "Cyhoeddus", "ŵyl", "tŷ", "(PSBs)", "(BGC)", "(BGCau)", "(2015)", "(see", "below)",
                                 "o'r", "co-production", "x_y", "2015Public", ".", ",", "’", "-", "\n", "  "]),
                max_size=40))
def test_acronym_matches_are_the_full_patterns_matches(parts: list[str]) -> None:
    text = " ".join(parts)
    fast = [(m.start(), m.end(), m.groups()) for m in si._acronym_matches(text)]
    slow = [(m.start(), m.end(), m.groups()) for m in si._ACRONYM.finditer(text)]
    assert fast == slow


TRICKY_ARTICLE = """<!doctype html><html lang="cy"><head><title>x</title></head><body>
<nav><a href="/">Hafan</a></nav>
<article class="md-content__inner md-typeset">
<h1 id="gwyl">Gŵyl y tŷ<a class="headerlink" href="#gwyl">¶</a></h1>
<!-- an <article> in a comment is not one -->
<p>Mae'r <em>Byrddau Gwasanaethau Cyhoeddus</em> (BGCau) &amp; y cyngor yn <span lang="en">Time Credits</span> ŵyl.</p>
<script type="application/json">{"x": "</article>"}</script>
<article class="inner"><p>Erthygl fewnol â <span lang="cy-GB">geiriau</span>.</p></article>
<div data-pagefind-ignore><p>Dim chwilio</p></div><svg><text>llun</text></svg>
<p lang="">iaith wag</p>
</article>
<footer><p>Troedyn</p></footer>
</body></html>"""


@pytest.mark.parametrize("source", [TRICKY_ARTICLE, TRICKY_ARTICLE.replace('lang="cy"', 'lang="en"')])
def test_lexbor_reading_of_the_article_agrees_with_the_html_parser(source: str) -> None:
    fast = si._read_body(source)
    slow = si._parse(source, source.index("<article"))
    assert fast is not None and slow is not None
    (body, start, end), (finder, start2, end2) = fast, slow
    assert (start, end, body.start_tag) == (start2, end2, finder.start_tag)
    assert si.words(" ".join(body.text)) == si.words(" ".join(finder.text))
    assert si.words(" ".join(body.own_text)) == si.words(" ".join(finder.own_text))
    assert "Credits" in body.text[0] and "Credits" not in body.own_text[0] and "geiriau" in body.own_text[0]
    assert "Dim" not in body.text[0] and "llun" not in body.text[0] and "Troedyn" not in body.text[0]


def _write_good_index(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    entry = {"version": "1", "languages": {"cy": {"hash": "cy_1"}, "en": {"hash": "en_2"}}}
    (target / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    for lang in ("cy_1", "en_2"):
        (target / f"pagefind.{lang}.pf_meta").write_bytes(b"meta")


def test_an_index_is_usable_only_with_its_entry_file_and_each_languages_metadata(tmp_path: Path) -> None:
    target = tmp_path / "pagefind"
    _write_good_index(target)
    assert si.index_problem(target) is None
    (target / "pagefind.cy_1.pf_meta").write_bytes(b"")
    assert "'cy'" in (si.index_problem(target) or "")
    (target / "pagefind-entry.json").write_text("", encoding="utf-8")
    assert "cannot be read" in (si.index_problem(target) or "")
    (target / "pagefind-entry.json").write_text('{"languages": {}}', encoding="utf-8")
    assert "no language" in (si.index_problem(target) or "")


def test_an_empty_entry_file_is_written_again_and_a_lasting_one_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[Path] = []

    async def flaky_write(mirror: Path, output: Path) -> None:  # the first write leaves the entry file empty
        writes.append(output)
        _write_good_index(output)
        if len(writes) == 1:
            (output / "pagefind-entry.json").write_text("", encoding="utf-8")

    monkeypatch.setattr(si, "_write_index", flaky_write)
    monkeypatch.setattr(si, "prepare_site", lambda *args: si.IndexStats())
    si.index_site(tmp_path / "site")
    assert len(writes) == 2 and si.index_problem(tmp_path / "site" / "pagefind") is None

    async def broken_write(mirror: Path, output: Path) -> None:
        output.mkdir(parents=True, exist_ok=True)
        (output / "pagefind-entry.json").write_text("", encoding="utf-8")

    monkeypatch.setattr(si, "_write_index", broken_write)
    with pytest.raises(si.IndexWriteError, match="unusable after 3 writes"):
        si.index_site(tmp_path / "site")
