"""Every record of the ANT and SaudiNewsNet corpora parses: counts, titles,
bodies and dates, with the exceptions that are in the data itself."""

from __future__ import annotations

from collections import Counter

import khabar
from conftest import ANT, SAUDI, need


def test_every_ant_record() -> None:
    files = sorted(need(ANT).glob("*.sgml.gz"))
    articles = list(khabar.read(files))
    assert len(articles) == 31_525
    assert len({a.id for a in articles}) == 31_525
    assert all(a.title for a in articles)
    assert all(a.published is not None and a.published.tzinfo is not None for a in articles)
    no_body = [a.id for a in articles if not a.body]
    # Two France24 records are empty in the corpus itself (empty TEXT and ABSTRACT).
    assert sorted(no_body) == ["FR-internationalNews-2077-20180629", "FR-sport-214-20180629"]
    cnn = [a for a in articles if a.id.startswith("CN-")]
    with_dateline = sum(1 for a in cnn if a.dateline and "(CNN)" in a.dateline)
    # The rest are op-eds, sponsored pieces and video pages, written without one.
    assert with_dateline >= 2900
    repeats = sum(1 for a in articles if any(p.repeats_lede for p in a.paragraphs))
    assert repeats / len(articles) > 0.5


def test_every_saudinewsnet_record() -> None:
    files = sorted(need(SAUDI).glob("*.json.gz"))
    articles = list(khabar.read(files, errors="keep"))
    assert len(articles) == 31_030
    failed = [a for a in articles if a.error]
    # 26 records hold nothing but a URL with no slug (`…/node/620214/pdf`, `sabq.org/PHGKif`).
    assert len(failed) == 26
    assert all("no title and no text" in (a.error or "") for a in failed)
    ok = [a for a in articles if not a.error]
    # Titles come from the record, else from the URL's slug; 9 records have neither.
    assert sum(1 for a in ok if not a.title) == 9
    # 329 records are title-only in the corpus (cartoons, photo stories, videos).
    assert sum(1 for a in ok if a.body) == 30_675
    # `date_extracted` is the crawl time, so dates come only from bylines and URLs.
    assert sum(1 for a in ok if a.published) == 9_563
    sources = Counter(a.source for a in ok)
    assert sources["alriyadh"] > 4000
