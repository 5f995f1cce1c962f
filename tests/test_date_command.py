"""`dipevents date WORDS --published YYYY-MM-DD [--language CODE]`: what the words allow and the value to code."""

from __future__ import annotations

import pytest

from dipevents.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["date", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_last_week(capsys):
    code, out, err = run(capsys, "last", "week", "--published", "2024-05-10")
    assert (code, err) == (0, "")
    assert out == ("'last week' in a source published 2024-05-10 (Friday), language en\n"
                   "  earliest   2024-04-29 (Monday)\n"
                   "  latest     2024-05-05 (Sunday)\n"
                   "  precision  span (7 days)\n"
                   "  code       2024-04-29/2024-05-05\n")


@pytest.mark.parametrize("words, code_line, precision", [
    ("yesterday", "  code       2024-05-09", "  precision  day"),
    ("in May", "  code       2024-05", "  precision  month"),
    ("last year", "  code       2023", "  precision  year"),
    ("earlier this month", "  code       2024-05-01/2024-05-09", "  precision  span (9 days)"),
])
def test_the_value_to_code_is_the_coarsest_covering_the_days(capsys, words, code_line, precision):
    code, out, _ = run(capsys, words, "--published", "2024-05-10")
    assert code == 0
    assert code_line in out.splitlines() and precision in out.splitlines()


def test_two_readings_are_both_shown(capsys):
    code, out, _ = run(capsys, "on Friday", "--published", "2025-09-02")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("'on Friday' in a source published 2025-09-02 (Tuesday), language en: 2 readings, "
                        "the Friday within six days of it, before or after")
    assert [line for line in lines if "code" in line] == ["  code       2025-08-29", "  code       2025-09-05"]


def test_a_french_source(capsys):
    code, out, _ = run(capsys, "la semaine dernière", "--published", "2024-05-10", "--language", "fr")
    assert code == 0
    assert "  code       2024-04-29/2024-05-05" in out.splitlines()


def test_words_not_understood(capsys):
    code, out, err = run(capsys, "shortly after the summit", "--published", "2024-05-10")
    assert (code, out) == (1, "")
    assert err == ("dipevents date: 'shortly after the summit' is not a phrase the checker understands "
                   "(language en); the validator lists such dates as unchecked (DE305): check them by hand\n")


@pytest.mark.parametrize("published", ["2024-02-30", "10 May 2024", "2024-05", "20240510"])
def test_a_bad_published_date(capsys, published):
    code, out, err = run(capsys, "last week", "--published", published)
    assert (code, out) == (2, "")
    assert err == f"dipevents date: --published {published!r} is not a date YYYY-MM-DD\n"


def test_a_bad_language(capsys):
    code, out, err = run(capsys, "hier", "--published", "2024-05-10", "--language", "French")
    assert (code, out) == (2, "")
    assert err == "dipevents date: --language 'French' is not an ISO 639-1 code such as en\n"


def test_the_command_loads_no_date_library_until_it_runs():
    import subprocess
    import sys

    probe = ("import sys\nfrom dipevents.cli import _parser\n_parser().parse_args(['date', 'x', '--published', "
             "'2024-05-10'])\nprint(sorted(m for m in ('dateparser', 'edtf', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_english_words_load_no_dateparser():
    import subprocess
    import sys

    probe = ("import sys\nfrom dipevents.cli import main\nmain(['date', 'last', 'week', '--published', '2024-05-10'])\n"
             "print(sorted(m for m in ('dateparser', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"
