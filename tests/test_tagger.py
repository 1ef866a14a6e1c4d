"""The statistical entity tagger: training from CoNLL in Python, the default
model on real text, and the Pipeline options that choose a model."""

from __future__ import annotations

from pathlib import Path

import khabar
import pytest
from conftest import SEED, need

TINY = (
    "قال O\nالرئيس O\nماكرون B-PERS\nفي O\nباريس B-LOC\n. O\n\n"
    "زار O\nوزير O\nالخارجية O\nلافروف B-PERS\nدمشق B-LOC\n\n"
    "أعلنت O\nمنظمة B-ORG\nالصحة I-ORG\nالعالمية I-ORG\nذلك O\n\n"
) * 6


def test_train_ner_on_a_tiny_file_and_tag_with_it(tmp_path: Path) -> None:
    train = tmp_path / "train.conll"
    train.write_text(TINY, encoding="utf-8")
    model = tmp_path / "ner.bin.gz"
    report = khabar.train_ner(train, output=model, seed=3, epochs=5)
    assert model.stat().st_size > 0
    assert 1 <= report["best_epoch"] <= 5
    assert report["features"] > 0
    # Same data and seed: the same model, byte for byte.
    again = tmp_path / "again.bin.gz"
    khabar.train_ner(str(train), output=str(again), seed=3, epochs=5)
    assert again.read_bytes() == model.read_bytes()

    p = khabar.Pipeline(ner_model=model, ner="tagger")
    assert p.ner == "tagger"
    assert "ner='tagger'" in repr(p) or 'ner="tagger"' in repr(p)


def test_train_ner_reports_malformed_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.conll"
    bad.write_text("قال O\nماكرون\n", encoding="utf-8")
    with pytest.raises(khabar.KhabarError, match="line 2"):
        khabar.train_ner(bad, output=tmp_path / "m.bin")
    with pytest.raises(khabar.KhabarError):
        khabar.train_ner(tmp_path / "missing.conll", output=tmp_path / "m.bin")


def test_pipeline_options_are_checked(tmp_path: Path) -> None:
    with pytest.raises(khabar.InvalidOptionError, match="ner mode"):
        khabar.Pipeline(ner="neural")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a model")
    with pytest.raises(khabar.KhabarError, match="not a khabar NER model"):
        khabar.Pipeline(ner_model=junk)
    assert khabar.Pipeline().ner == "both"


def test_default_model_tags_the_seed_spokesman_as_a_person() -> None:
    text = need(SEED).read_text(encoding="utf-8")
    found = {(text[s:e], label) for s, e, label in khabar.tag_entities(text)}
    assert ("ريان ديلون", "PER") in found
    assert ("البوكمال", "LOC") in found
    assert ("دير الزور", "LOC") in found
    # Clitics stay outside the spans: no entity starts with و + the article.
    assert not any(t.startswith("وال") for t, _ in found)


def test_tag_entities_with_a_trained_model(tmp_path: Path) -> None:
    train = tmp_path / "train.conll"
    train.write_text(TINY, encoding="utf-8")
    model = tmp_path / "ner.bin.gz"
    khabar.train_ner(train, output=model, epochs=4)
    text = "قال الرئيس ماكرون في باريس."
    spans = khabar.tag_entities(text, model=model)
    assert [(text[s:e], label) for s, e, label in spans] == [("ماكرون", "PER"), ("باريس", "LOC")]
    assert khabar.tag_entities("") == []


def test_train_ner_stacked_gives_a_two_pass_model(tmp_path: Path) -> None:
    train = tmp_path / "train.conll"
    train.write_text(TINY, encoding="utf-8")
    model = tmp_path / "stacked.bin.gz"
    report = khabar.train_ner(train, output=model, seed=1, epochs=4, stack=True)
    assert report["passes"] == 2
    assert 0.0 <= report["first_pass_dev_f1"] <= 1.0
    plain = khabar.train_ner(train, output=tmp_path / "plain.bin.gz", seed=1, epochs=4)
    assert plain["passes"] == 1
    assert "first_pass_dev_f1" not in plain
    # Deterministic with the seed, like a one-pass model.
    again = tmp_path / "again.bin.gz"
    khabar.train_ner(train, output=again, seed=1, epochs=4, stack=True)
    assert again.read_bytes() == model.read_bytes()
    text = "قال الرئيس ماكرون في باريس. وزار لافروف دمشق."
    spans = khabar.tag_entities(text, model=model)
    found = [(text[s:e], label) for s, e, label in spans]
    assert ("ماكرون", "PER") in found
    assert ("دمشق", "LOC") in found
