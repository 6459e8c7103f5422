"""The command group: help, version, clear errors."""

from kg import __version__
from kg.cli import main


def test_help_lists_the_commands(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "eval"):
        assert command in result.output


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
    from kg.converter import converter_version

    assert f"converter {converter_version()}" in result.output  # code version + knowledge hash


def test_unknown_command_fails(runner):
    result = runner.invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output
