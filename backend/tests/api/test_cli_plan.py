"""pitstop plan on the command line: alternatives and the default margin."""

import json

import pytest

from conftest import run_pitstop

FROM = "Toa Payoh MRT"
TO = "Holland Village MRT"


def plan(*arguments):
    return run_pitstop("--log-level", "warn", "plan", "--from", FROM, "--to", TO, *arguments)


@pytest.fixture(scope="module")
def plan_with_alternatives():
    result = plan("--ride-limit", "15", "--alternatives", "2", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_alternatives_array(plan_with_alternatives):
    assert 1 <= len(plan_with_alternatives["alternatives"]) <= 2


def test_alternatives_share_at_most_80_percent(plan_with_alternatives):
    for alternative in plan_with_alternatives["alternatives"]:
        assert 0 <= alternative["shared_with_fastest"] <= 0.8


def test_text_lists_each_alternative():
    result = plan("--ride-limit", "15", "--alternatives", "2")
    assert result.returncode == 0, result.stderr
    assert "Alternative route 1 (shares" in result.stdout


def test_json_without_alternatives_has_no_array():
    result = plan("--ride-limit", "15", "--json")
    assert result.returncode == 0, result.stderr
    assert "alternatives" not in json.loads(result.stdout)


@pytest.mark.parametrize("count", ["4", "-1", "two"])
def test_invalid_alternatives_count_exits_2(count):
    result = plan("--alternatives", count)
    assert result.returncode == 2
    assert "--alternatives" in result.stderr


def test_short_ride_limit_shrinks_the_default_margin():
    result = plan("--ride-limit", "1.1", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["margin_s"] == pytest.approx(36.0, abs=0.1)


def test_margin_at_minimum_budget_accepted():
    result = plan("--ride-limit", "8.8", "--margin", "8.3", "--json")
    assert result.returncode == 0, result.stderr
