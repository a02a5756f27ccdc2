"""How much text the language guess reads: a whole page more than an article extracted from HTML."""

from __future__ import annotations

from ingest.clean.rawtext import ARTICLE_LANGUAGE_SAMPLE, PAGE_LANGUAGE_SAMPLE, detect_language

GERMAN = ("Die Stadtverwaltung hat am Montag die Sanierung der alten Hafenmauer begonnen. Nach den Stürmen im "
          "Winter war ein zwölf Meter langes Stück eingestürzt, und der Fischmarkt dahinter stand tagelang unter "
          "Wasser. Die Arbeiten sollen sechs Wochen dauern und werden vor allem bei Ebbe ausgeführt, sagte ein "
          "Sprecher der Stadt. Die Fischer hoffen, dass die Saison danach ohne weitere Schäden beginnen kann. ")
ENGLISH = ("The council said on Monday that contractors would work at low tide for the next six weeks, and that "
           "the slipway would stay closed to boats until the end of April while the new stone is laid. ")
SCRIPT = ("var componentMetadata = JSON.parse('\\x7b\\x22componentName\\x22\\x3a\\x22RecipeCard_4f1c2b9e\\x22,"
          "\\x22deferOptions\\x22\\x3a\\x7b\\x22deferComponent\\x22\\x3atrue,\\x22deferType\\x22\\x3a"
          "\\x22OnScroll\\x22,\\x22deferId\\x22\\x3a\\x22a81f00c2e9\\x22\\x7d,\\x22viewName\\x22\\x3a"
          "\\x22RecipeCard\\x22\\x7d');\n") * 3


def test_an_extracted_article_is_judged_on_its_opening_and_a_whole_page_on_more() -> None:
    article = GERMAN * 2 + ENGLISH * 10
    assert len(GERMAN * 2) >= ARTICLE_LANGUAGE_SAMPLE
    assert detect_language(article, ARTICLE_LANGUAGE_SAMPLE) == "de"
    assert detect_language(ENGLISH * 6 + GERMAN * 4, PAGE_LANGUAGE_SAMPLE) == "en"


def test_code_kept_at_the_top_of_an_article_is_read_past_to_the_text() -> None:
    assert len(SCRIPT) > ARTICLE_LANGUAGE_SAMPLE
    assert detect_language(SCRIPT[:ARTICLE_LANGUAGE_SAMPLE]) == "zxx"
    assert detect_language(SCRIPT + ENGLISH * 8, ARTICLE_LANGUAGE_SAMPLE) == "en"
