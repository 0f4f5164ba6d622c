import unicodedata

from kb.sources.files import MAX_PAGE_BYTES, decode_source


def test_plain_utf8_with_welsh_letters_passes_untouched():
    text = "# Gŵyl y Tŷ\n\nMae'n bwysig â'r gymuned.\n"
    result = decode_source(text.encode("utf-8"), "docs_cy/x.md")
    assert result.text == text
    assert result.problems == []


def test_latin1_is_an_encoding_error_at_the_right_line():
    data = "line one\nGŵyl\n".encode().replace("ŵ".encode(), b"\xf5")
    result = decode_source(data, "docs_cy/x.md")
    assert result.text is None
    [p] = result.problems
    assert (p.rule_name, p.line, p.severity) == ("encoding", 2, "error")
    assert p.format().startswith("docs_cy/x.md:2: error KB006 encoding:")


def test_bom_crlf_and_nfd_are_normalised_and_reported_once():
    nfd = unicodedata.normalize("NFD", "Gŵyl")
    data = ("\ufeff# " + nfd + "\r\nTŷ\r\n").encode("utf-8")
    result = decode_source(data, "a.md")
    assert result.text == "# Gŵyl\nTŷ\n"
    [p] = result.problems
    assert p.rule_name == "file-hygiene" and p.severity == "warning"
    assert "byte-order mark" in p.message and "CRLF" in p.message and "NFD" in p.message


def test_oversized_file_is_refused():
    result = decode_source(b"a" * (MAX_PAGE_BYTES + 1), "big.md")
    assert result.text is None
    assert result.problems[0].rule_name == "file-too-large"


def test_nul_byte_means_not_text():
    result = decode_source(b"abc\n\x00def", "x.md")
    assert result.text is None
    assert result.problems[0].line == 2
