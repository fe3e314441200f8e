"""Settings: defaults, TOML file, environment and options, with clear errors."""

from __future__ import annotations

import pytest

from crimegraph.config import SETTINGS, load_config
from crimegraph.errors import ConfigError


def test_defaults_have_help_text():
    assert all(s.help for s in SETTINGS)
    config = load_config(path=None)
    assert config.max_chars == 200_000 and config.topic_embeddings is False and config.event_embeddings is False


def test_the_event_embeddings_setting_reaches_the_extractor(tmp_path):
    from crimegraph.cli import _extractor

    file = tmp_path / "config.toml"
    file.write_text("event_embeddings = true\n", encoding="utf-8")
    assert _extractor(load_config(file)).event_embeddings is True
    assert _extractor(load_config(path=None)).event_embeddings is False


def test_file_env_and_options_override_in_order(tmp_path, monkeypatch):
    file = tmp_path / "config.toml"
    file.write_text('max_chars = 5000\nport = 9000\ntopic_embeddings = true\n', encoding="utf-8")
    monkeypatch.setenv("CRIMEGRAPH_PORT", "9100")
    monkeypatch.setenv("CRIMEGRAPH_TOPIC_EMBEDDINGS", "false")
    config = load_config(file, max_chars=100)
    assert (config.max_chars, config.port, config.topic_embeddings) == (100, 9100, False)
    assert config.db_path.name == "crimegraph.sqlite"
    assert load_config(file, db=str(tmp_path / "x.sqlite")).db_path == tmp_path / "x.sqlite"


@pytest.mark.parametrize("content,message", [
    ("nonsense = 1\n", "unknown setting 'nonsense'"),
    ("port = 'eighty'\n", "expects int"),
    ("topic_embeddings = 'perhaps'\n", "expects true or false"),
    ("port = \n", "not valid TOML"),
])
def test_bad_settings_name_the_file_and_the_reason(tmp_path, content, message):
    file = tmp_path / "config.toml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        load_config(file)
    assert str(file) in str(err.value)


def test_serve_without_a_database_says_how_to_make_one(tmp_path, capsys):
    from crimegraph.cli import EXIT_ERROR, main

    assert main(["serve", "--db", str(tmp_path / "none.sqlite")]) == EXIT_ERROR
    assert "crimegraph ingest" in capsys.readouterr().err
