"""Raw-text pages in languages the named patterns cover less well, or whose scripts differ:
Korean and Chinese/Japanese (caseless, wide or unspaced), Russian, Italian, Portuguese."""

from __future__ import annotations

from datetime import datetime

from ingest.clean.rawtext import detect_language
from tests.clean.conftest import clean_fixture, removed_by_rule


def test_short_korean_body_paragraphs_and_headline_are_kept() -> None:
    article = clean_fixture("ko_haeundae_night_opening.txt")
    assert article.language == "ko"
    assert article.title == "부산 해운대 해수욕장, 올여름 야간 개장 시간 연장"
    assert article.body == (
        "부산 해운대구는 올여름 해운대 해수욕장의 야간 개장 시간을 오후 9시까지 한 시간 연장한다고 3일 밝혔다.",
        "구는 지난해 야간 개장 기간 방문객이 하루 평균 2만 명을 넘어서자 안전요원을 추가로 배치하고 조명 시설을 보강하기로 했다.",
        "야간 개장은 7월 15일부터 8월 20일까지 운영된다.",
        "구 관계자는 \"안전을 최우선으로 하면서도 시민들이 더위를 피할 수 있도록 하겠다\"고 말했다.",
        "해수욕장 인근 상인들은 매출 증가를 기대하고 있다.",
        "한편 구는 음주 후 입수를 막기 위해 단속을 강화할 방침이다.",
    )
    assert removed_by_rule(article)["related"] == [
        "- 광안리 드론쇼, 이달 말 재개",
        "- 부산 폭염특보 발효…낮 최고 34도",
        "많이 본 뉴스",
        "- 서울 아파트값 상승세 지속",
        "- 프로야구 올스타전 투표 시작",
    ]


def test_russian_boilerplate_is_removed_by_named_rules() -> None:
    assert removed_by_rule(clean_fixture("ru_kazan_bridge.txt")) == {
        "nav": ["- Главная", "- Новости", "- Политика", "- Экономика", "- Общество", "- Спорт"],
        "section": ["Общество"],
        "byline": ["Текст: Ирина Соколова·12 мая 2025"],
        "caption": ["Новый мост через Казанку в день открытия.", "Фото: пресс-служба мэрии Казани"],
        "related": [
            "Читайте также:",
            "- В Москве продлили работу метро в праздничные дни",
            "- Цены на бензин выросли на 2% за месяц",
        ],
        "footer": ["Поделиться", "- ВКонтакте", "- Telegram", "© 2025 Казанские новости. Все права защищены."],
    }


def test_russian_byline_with_glued_date_gives_author_and_date() -> None:
    article = clean_fixture("ru_kazan_bridge.txt")
    assert article.authors == ("Ирина Соколова",)
    assert article.published == datetime(2025, 5, 12)
    assert len(article.body) == 5


def test_lowercase_byline_under_headline_is_not_the_title() -> None:
    article = clean_fixture("it_ponte_reno.txt")
    assert article.title == "Bologna, riapre dopo due anni il ponte sul Reno: traffico regolare da lunedì"
    assert article.authors == ("Marco Bellini",)


def test_copyright_notice_under_last_paragraph_does_not_make_it_a_caption() -> None:
    article = clean_fixture("it_ponte_reno.txt")
    assert article.body[-1] == "Il sindaco ha parlato di una giornata importante per tutta la città."
    assert len(article.body) == 4
    removed = removed_by_rule(article)
    assert removed["footer"] == ["© Riproduzione riservata", "Condividi", "- Facebook", "- WhatsApp"]
    assert removed["related"] == [
        "Leggi anche:",
        "- Alluvione, i fondi per la ricostruzione arrivano in ritardo",
        "- Maltempo in Emilia, allerta gialla per domani",
    ]


def test_japanese_headline_date_and_body_are_found() -> None:
    article = clean_fixture("ja_kyoto_tour_buses.txt")
    assert article.title == "京都市、観光バスの市内乗り入れを一部制限へ"
    assert article.published == datetime(2025, 7, 3, 14, 20)
    assert removed_by_rule(article)["dates"] == ["2025年7月3日 14時20分"]
    assert article.body == (
        "京都市は3日、観光シーズンの渋滞対策として、一部地域で観光バスの乗り入れを制限すると発表した。",
        "対象は東山区の一部で、10月から試験的に実施する。",
        "市の担当者は「住民の生活を守るために必要な措置だ」と話している。",
        "観光業界からは反発の声も上がっている。",
    )


def test_unspaced_chinese_headline_counts_as_several_words() -> None:
    article = clean_fixture("zh_west_lake_night_opening.txt")
    assert article.title == "杭州西湖景区今年夏季延长夜间开放时间"
    assert len(article.body) == 4
    assert article.body[0].startswith("杭州市西湖风景名胜区管理委员会3日宣布")


def test_portuguese_date_line_with_h_clock_is_not_the_headline() -> None:
    article = clean_fixture("pt_preco_do_cafe.txt")
    assert article.title == "Preço do café sobe 20% em um ano e pressiona inflação"
    assert article.authors == ("Ana Souza",)
    assert article.published == datetime(2025, 7, 3, 14, 20)
    assert len(article.body) == 3


def test_language_is_guessed_from_twenty_letters_in_the_sample_and_not_from_fewer() -> None:
    nineteen = "Q3 2025: 1,204 units (+4%) / Tor 2:1 / Fr 19.11. / ok ja, gute"
    assert sum(ch.isalpha() for ch in nineteen) == 19
    assert detect_language(nineteen) is None
    assert detect_language(nineteen + " y") is not None
    assert detect_language("1234567890 " * 100 + "Der Hund bellt laut und rennt weg") is None  # past the sample
