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


@pytest.mark.parametrize(("name", "value", "message"), [
    ("INGEST_LOG_LEVEL", "verbose", "Input should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'"),
    ("INGEST_STABLE_SECONDS", "inf", "Input should be a finite number"),
    ("INGEST_STABLE_SECONDS", "nan", "Input should be a finite number"),
    ("INGEST_RESCAN_SECONDS", "inf", "Input should be a finite number"),
    ("INGEST_SHUTDOWN_SECONDS", "inf", "Input should be a finite number"),
    ("INGEST_STORY_WINDOW_HOURS", "inf", "Input should be a finite number"),
    ("INGEST_STORY_WINDOW_HOURS", "876001", "Input should be less than or equal to 876000"),
    ("INGEST_MAX_BYTES", "1073741825",
     "at most 1073741824 bytes (1 GiB): PostgreSQL cannot store a larger document"),
    ("INGEST_API_TOKEN", "", "must not be empty (unset it to leave POST /documents open)"),
    ("INGEST_API_TOKEN", " \n", "must not be empty (unset it to leave POST /documents open)"),
])
def test_a_setting_outside_what_works_is_refused_naming_the_variable(cli, name, value, message):
    result = cli("export", env={name: value})

    assert (result.returncode, result.stderr) == (
        2, f"ingest: error: invalid setting {name}: {message} (see the configuration table in README.md)\n")


@pytest.mark.parametrize(("name", "value"), [
    ("INGEST_LOG_LEVEL", "warning"), ("INGEST_LOG_LEVEL", "Error"), ("INGEST_LOG_FORMAT", "JSON")])
def test_named_values_are_accepted_in_any_case(cli, name, value):
    result = cli("clean", "--json", str(SEEDS / "000_6417beaea2ca3f1a.txt"), env={name: value})

    assert (result.returncode, result.stderr) == (0, "")


def test_db_psql_without_the_psql_client_says_to_install_it(cli, tmp_path):
    result = cli("db", "psql", env={"PATH": str(tmp_path)})  # the CLI runs the python executable by its full path

    assert (result.returncode, result.stderr) == (2, (
        "ingest: error: the psql client is not installed (install the PostgreSQL client, e.g. the postgresql-client "
        "package, or point another client at the URL `ingest db url` prints)\n"))


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
