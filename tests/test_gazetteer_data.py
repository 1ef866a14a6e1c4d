"""The gazetteer data files stay valid: scripts/gen_gazetteer --check (no network,
no babel) finds no problem, and a few facts the entity extraction relies on hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_gazetteer"
GAZ = ROOT / "crates" / "khabar" / "data" / "gazetteer"


def rows(name: str) -> dict[str, list[str]]:
    out = {}
    for line in (GAZ / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            canonical, label, ident, variants = line.split("\t")
            out[canonical] = [label, ident, *variants.split("|")]
    return out


def test_check_passes() -> None:
    res = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=60
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.strip().endswith("0 problems")


def test_check_reports_a_bad_file(tmp_path: Path) -> None:
    # The check is not vacuous: load the script as a module, point it at a copy
    # with a broken row, and see the problems named.
    import importlib.machinery
    import importlib.util
    import shutil

    loader = importlib.machinery.SourceFileLoader("gen_gazetteer", str(SCRIPT))
    spec = importlib.util.spec_from_loader("gen_gazetteer", loader)
    assert spec is not None
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    copy = tmp_path / "gazetteer"
    shutil.copytree(GAZ, copy)
    with (copy / "cities.tsv").open("a", encoding="utf-8") as f:
        f.write("مدينة تجريبية\tLOC\tgeo:95.0,10.0\t\n")
        f.write("حلب الثانية\tLOC\tgeo:36.2,37.1\tحلب\n")
        f.write("سطر قصير\tLOC\n")
    mod.GAZ = copy
    problems = "\n".join(mod.check())
    assert "out of range" in problems
    assert "'حلب' of 'حلب الثانية' is already a name of 'حلب'" in problems
    assert "2 columns, want 4" in problems


def test_seed_entities_are_listed() -> None:
    groups = rows("groups.tsv")
    assert {"قسد", "سوريا الديمقراطية"} <= set(groups["قوات سوريا الديمقراطية"])
    assert {"الدولة الإسلامية", "تنظيم الدولة الإسلامية"} <= set(groups["داعش"])
    cities = rows("cities.tsv")
    assert cities["البوكمال"][1].startswith("geo:34.")
    assert cities["دير الزور"][0] == "LOC"
    assert "مخيم الركبان" in rows("facilities.tsv")
    assert "التحالف الدولي" in rows("organisations.tsv")
    assert "البنتاغون" in rows("organisations.tsv")
    assert "وزارة الدفاع الروسية" in rows("state_bodies.tsv")
    assert "القائم" in rows("ambiguous.tsv")
    assert "رويترز" in rows("outlets.tsv")
    assert "ديلون" in rows("people.tsv")["ريان ديلون"]


def test_countries_cover_iso_codes() -> None:
    countries = rows("countries.tsv")
    codes = {r[1] for r in countries.values()}
    assert len(codes) == len(countries) >= 245
    assert {"SY", "IQ", "PS", "US", "RU", "SA", "AE"} <= codes
    assert countries["سوريا"][1] == "SY"
    assert "سورية" in countries["سوريا"]
    assert countries["السعودية"][1] == "SA"
