"""The command line built for one command (what `locus` does before running
it, game/cli.py) is that command exactly as the whole command line has it."""

from __future__ import annotations

import argparse

import pytest

from game.cli import _PARSERS, build_parser, main


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


@pytest.mark.parametrize("command", list(_PARSERS))
def test_a_command_built_alone_is_the_command_of_the_whole_line(command: str) -> None:
    alone = subcommands(build_parser(only=command))
    assert list(alone) == [command]
    whole = subcommands(build_parser())[command]
    assert alone[command].format_help() == whole.format_help()


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--seed", "3", "--watch", "--storyline", "x"],
        ["test", "pack", "--random", "5", "--memo-budget", "20"],
        ["serve", "--port", "0", "--class", "ABC"],
        ["class", "create", "Year 9", "--results", "r.db"],
        ["results", "sync"],
        ["check", "a", "b", "--strict"],
    ],
)
def test_arguments_parse_the_same_either_way(argv: list[str]) -> None:
    assert build_parser(only=argv[0]).parse_args(argv) == build_parser().parse_args(argv)


def test_the_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = capsys.readouterr().out
    assert all(f"    {command}" in listed for command in _PARSERS)


def test_an_unknown_command_names_the_real_ones(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["bogus"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in error and "'results'" in error


_RUN: list[argparse.Namespace] = []


def _record(args: argparse.Namespace) -> int:
    """Stands in for the command's runner: what `locus` would have run it with."""
    _RUN.append(args)
    return 0


@pytest.mark.parametrize("argv", [[], ["--plain"], ["--seed", "3", "--storyline", "x"]])
def test_locus_alone_or_with_play_options_plays(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """`locus` alone is the README's way to start the game (it once raised IndexError)."""
    import game.cli

    monkeypatch.setattr(game.cli, "_runner_of", lambda args: f"{__name__}:_record")
    _RUN.clear()
    assert main(argv) == 0
    played = _RUN
    assert played == [build_parser().parse_args(["play", *argv])]
