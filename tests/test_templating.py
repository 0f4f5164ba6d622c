"""kb/publish/templating.py: templates escape every value; fragments fit inside Markdown."""

from kb.publish.entries import Entry
from kb.publish.templating import fragment, render


def test_values_are_escaped() -> None:
    assert render("note.html", text='<b onclick="x()">Tŷ & "dŵr"</b>') == (
        '<p class="kb-note">&lt;b onclick=&#34;x()&#34;&gt;Tŷ &amp; &#34;dŵr&#34;&lt;/b&gt;</p>'
    )


def test_fragment_is_one_line_without_blank_lines() -> None:
    entries = [Entry("a", "guide", "Canllaw", "Gweithio â'r gymuned", "Crynodeb byr.", "../a/")]
    html = fragment("item-list.html", entries=entries)
    assert "\n" not in html
    assert '<a class="kb-items__title" href="../a/">Gweithio â&#39;r gymuned</a>' in html


def test_a_line_break_between_two_inline_elements_stays_a_word_space() -> None:
    """Search excerpts read 'Time credits1 case study' and 'Open the resourcehttps://…' when the
    fragment joined a link and the span after it; between blocks the break still goes."""
    from types import SimpleNamespace

    method = SimpleNamespace(href="time-credits/", label="Credydau amser", counts=["1 astudiaeth achos"], summary="Crynodeb.")
    html = fragment("methods-index.html", methods=[method])
    assert 'Credydau amser</a> <span class="kb-methods__counts">1 astudiaeth achos</span><p' in html
    assert "<ul class=\"kb-methods\"><li class=\"kb-methods__item\"><a" in html  # blocks: no space
