"""Problems the user can fix get one line naming the problem and what to do, exit 2."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, SEEDS

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/nowhere"


def test_unreachable_database_is_a_one_line_error(cli):
    result = cli("export", env={"INGEST_DATABASE_URL": UNREACHABLE})

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ingest: error: cannot reach the database at postgresql://postgres@127.0.0.1:1/nowhere:")
    assert lines[0].endswith("(check INGEST_DATABASE_URL and that the server is running)")


def test_debug_shows_the_traceback(cli):
    result = cli("--debug", "export", env={"INGEST_DATABASE_URL": UNREACHABLE})

    assert result.returncode == 2
    assert "Traceback" in result.stderr


def test_password_is_never_printed(cli):
    result = cli("export", env={"INGEST_DATABASE_URL": "postgresql://postgres:s3cret@127.0.0.1:1/nowhere"})

    assert result.returncode == 2
    assert "s3cret" not in result.stderr
    assert "postgres:***@127.0.0.1:1" in result.stderr


def test_invalid_setting_names_the_variable(cli):
    result = cli("export", env={"INGEST_LOG_FORMAT": "xml"})

    assert result.returncode == 2
    assert result.stderr.startswith("ingest: error: invalid setting INGEST_LOG_FORMAT:")


def test_not_a_postgresql_url_is_refused(cli):
    result = cli("export", env={"INGEST_DATABASE_URL": "mysql://root@localhost/x"})

    assert result.returncode == 2
    assert result.stderr.strip() == (
        "ingest: error: not a PostgreSQL URL: mysql://root@localhost/x (use postgresql://user@host:port/dbname)"
    )


def test_clean_needs_no_database(cli):
    result = cli("clean", "--json", str(SEEDS / "000_6417beaea2ca3f1a.txt"), env={"INGEST_DATABASE_URL": UNREACHABLE})

    assert result.returncode == 0, result.stderr


def test_readable_view_prints_page_text_that_looks_like_markup_as_text(cli):
    result = cli("clean", str(FIXTURES / "clean" / "en_shortcode_left_in_text.txt"))
    assert result.returncode == 0, result.stderr
    assert "Passengers with season tickets do not need to do anything, and the [bold]weekend[/bold] crossings" in result.stdout
    assert '[button link="https://example.org/timetable" type="big"] Download the new timetable[/button]' in result.stdout


@pytest.mark.parametrize("article_id", ["99", "9223372036854775808", "99999999999999999999"])
def test_show_of_an_id_no_article_has_is_not_found_even_past_bigint(cli, article_id):
    result = cli("show", article_id)

    assert (result.returncode, result.stderr) == (
        1, f"ingest: error: no article with id {article_id} (see ingest export or ingest stories)\n")
