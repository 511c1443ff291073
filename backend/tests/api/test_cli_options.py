"""Command-line options: the version flag, number ranges and empty search text."""

import json
from pathlib import Path

import pytest

from conftest import run_pitstop

OPENAPI = json.loads((Path(__file__).resolve().parents[2] / "openapi" / "openapi.json").read_text())


def test_version_flag_prints_version():
    result = run_pitstop("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pitstop {OPENAPI['info']['version']}"


def test_help_lists_version_flag():
    result = run_pitstop("--help")
    assert result.returncode == 0, result.stderr
    assert "--version" in result.stdout


@pytest.mark.parametrize("query", ["", "   ", "\n", "\t \r"])
def test_empty_search_text_exits_2(query):
    result = run_pitstop("search", query)
    assert result.returncode == 2, result.stdout
    assert "the search text is empty" in result.stderr


@pytest.mark.parametrize(
    "option, value, expected",
    [
        ("--ride-limit", "5000", "5000 is out of range: give a number from 1 to 1440"),
        ("--ride-limit", "nan", "'nan' is not a number: give a number from 1 to 1440"),
        ("--ride-limit", "1e400", "1e400 is out of range: give a number from 1 to 1440"),
        ("--ride-limit", "0x1E", "'0x1E' is not a number: give a number from 1 to 1440"),
        ("--ride-limit", " 30", "' 30' is not a number: give a number from 1 to 1440"),
        ("--alternatives", "1.5", "'1.5' is not a whole number: give a whole number from 0 to 3"),
        ("--alternatives", "5", "5 is out of range: give a whole number from 0 to 3"),
        ("--ride-limit", "inf", "inf is out of range: give a number from 1 to 1440"),
        ("--speed", "2.5", "2.5 is out of range: give a number from 3 to 45"),
        ("--speed", "fast", "'fast' is not a number: give a number from 3 to 45"),
        ("--margin", "-1", "-1 is out of range: give a number from 0 to 1440"),
        ("--margin", "3min", "'3min' is not a number: give a number from 0 to 1440"),
    ],
)
def test_plan_number_out_of_range_exits_2(option, value, expected):
    result = run_pitstop("plan", "--from", "Toa Payoh MRT", "--to", "Bishan MRT", option, value)
    assert result.returncode == 2, result.stdout
    assert expected in result.stderr
    assert option in result.stderr


def test_range_bounds_printed_without_decimals():
    result = run_pitstop("--max-walk-m", "0.5", "search", "bishan")
    assert result.returncode == 2, result.stdout
    assert "from 1 to 5000" in result.stderr
    assert "1.000000" not in result.stderr


def test_refresh_min_fraction_checked():
    result = run_pitstop("refresh", "--min-fraction", "1.5")
    assert result.returncode == 2, result.stdout
    assert "from 0 to 1" in result.stderr


def test_serve_port_out_of_range_exits_2():
    result = run_pitstop("serve", "--port", "70000")
    assert result.returncode == 2, result.stdout
    assert "70000 is out of range: give a whole number from 0 to 65535" in result.stderr
