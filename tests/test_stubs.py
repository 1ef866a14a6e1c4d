"""The typed stubs match the compiled module (mypy's stubtest), and the package
is ruff-clean where ruff is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def test_stubs_match_the_module() -> None:
    pytest.importorskip("mypy")
    res = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "khabar._khabar", "--ignore-missing-stub"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_package_typechecks() -> None:
    pytest.importorskip("mypy")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(ROOT / "python" / "khabar"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    scripts = [
        str(p)
        for p in (ROOT / "scripts").iterdir()
        if p.read_bytes().startswith(b"#!/usr/bin/env python")
    ]
    paths = [str(ROOT / "python"), str(ROOT / "tests"), *scripts]
    res = subprocess.run([ruff, "check", *paths], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
