"""The judged entity mentions (docs/annotation-entities.md): the files' schema, no
article text stored, and every item's offsets inside its article, whose text is
still the one judged, where the ANT corpus is present."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

import khabar
import pytest
from conftest import ANT, SHARED, need

ANNOTATIONS = Path(__file__).resolve().parent / "annotations"
JUDGED = ANNOTATIONS / "entities_judged.jsonl"
FRAME = ANNOTATIONS / "entities_frame.jsonl"
ANER_FPS = ANNOTATIONS / "anercorp_train_fps.tsv"
LABELS = {"PER", "ORG", "LOC", "FAC", "NORP"}
VERDICTS = {"right", "span", "label", "not-entity"}
NERS = {"rules", "tagger", "both"}
ITEM_KEYS = {
    "corpus",
    "docno",
    "text_sha1",
    "start",
    "end",
    "label",
    "ner",
    "mention",
    "canonical",
    "verdict",
    "reason",
}
DOC = re.compile(r"<DOC>.*?</DOC>", re.S)
DOCNO = re.compile(r"<DOCNO>\s*(.*?)\s*</DOCNO>")


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_judged_items_schema() -> None:
    items = rows(JUDGED)
    assert len(items) >= 700
    seen = set()
    for x in items:
        assert ITEM_KEYS <= set(x) <= ITEM_KEYS | {"drawn"}, x
        assert x["corpus"].startswith("ant/") and x["corpus"].endswith(".sgml.gz")
        assert re.fullmatch(r"[0-9a-f]{40}", x["text_sha1"])
        assert isinstance(x["start"], int) and 0 <= x["start"] < x["end"]
        assert x["end"] - x["start"] == len(x["mention"]) <= 80  # a name, not text
        assert x["label"] in LABELS and x["ner"] in NERS
        assert x["verdict"] in VERDICTS and isinstance(x["reason"], str) and x["reason"]
        assert x.get("drawn", "frame") in {"frame", "new"}
        k = (x["ner"], x["corpus"], x["docno"], x["start"], x["end"], x["label"])
        assert k not in seen, k
        seen.add(k)
    # The same mention judged for two settings has one verdict.
    by = defaultdict(set)
    for x in items:
        by[x["corpus"], x["docno"], x["start"], x["end"], x["label"]].add(x["verdict"])
    assert all(len(v) == 1 for v in by.values())


def test_frame_schema_and_judged_items_in_it() -> None:
    frame = rows(FRAME)
    mentions = {}
    for f in frame:
        assert set(f) == {"ner", "corpus", "docno", "text_sha1", "mentions"}
        for m in f["mentions"]:
            assert len(m) == 3 and m[0] < m[1] and m[2] in LABELS | {"MISC"}
        mentions[f["ner"], f["corpus"], f["docno"]] = {tuple(m) for m in f["mentions"]}
    for x in rows(JUDGED):
        if x.get("drawn") == "new":
            continue
        had = mentions[x["ner"], x["corpus"], x["docno"]]
        assert (x["start"], x["end"], x["label"]) in had


def test_anercorp_fps_schema() -> None:
    lines = [
        line.split("\t")
        for line in ANER_FPS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) == 200
    for label, sent, a, b, cls, _reason in lines:
        assert label in {"ORG", "PERS"}
        assert int(sent) >= 0 and 0 <= int(a) < int(b)
        assert cls in {"convention", "span", "label", "not-entity"}


def test_offsets_inside_their_articles() -> None:
    need(ANT)
    items = rows(JUDGED)
    want = defaultdict(set)
    for x in items:
        want[x["corpus"]].add(x["docno"])
    pipeline = khabar.Pipeline(ner="rules")
    texts = {}
    for corpus, docnos in want.items():
        path = SHARED / "corpus" / corpus
        if not path.exists():
            pytest.skip(f"{path} is absent")
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            for m in DOC.finditer(fh.read()):
                d = DOCNO.search(m.group(0))
                if d and d.group(1) in docnos and (corpus, d.group(1)) not in texts:
                    texts[corpus, d.group(1)] = pipeline.parse(m.group(0)).text
    for x in items:
        text = texts[x["corpus"], x["docno"]]
        assert hashlib.sha1(text.encode("utf-8")).hexdigest() == x["text_sha1"], x["docno"]
        assert 0 <= x["start"] < x["end"] <= len(text)
        assert text[x["start"] : x["end"]] == x["mention"]
