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
