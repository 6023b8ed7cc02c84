"""The ``qrdir`` command line: parse options, call one library function, print, pick the exit code.

Exit codes (spec/cli.md): 0 success, 1 the registry has errors or verify failed, 2 wrong usage.
The library never prints or exits; this module is the one exception boundary.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from qrdir import __version__
from qrdir.errors import MessageError, ProblemsError, UsageError
from qrdir.messages import format_problem, message, resolve_language
from qrdir.model import Problem

EXIT_PROBLEMS = 1
EXIT_USAGE = 2

lang_option = click.option(
    "--lang",
    type=click.Choice(["vi", "en"], case_sensitive=False),
    default=None,
    help="Language of messages (default: QRDIR_LANG, else vi).",
)


def _print_problems(problems: Iterable[Problem], lang: str) -> None:
    for problem in problems:
        click.echo(format_problem(problem, lang), err=True)


def reports_errors(command: Callable) -> Callable:
    """Run a command body, turning qrdir's exceptions into messages and exit codes."""

    @functools.wraps(command)
    def wrapper(*args, lang: str | None = None, **kwargs):
        lang = resolve_language(lang)
        try:
            return command(*args, lang=lang, **kwargs)
        except ProblemsError as exc:
            _print_problems(exc.problems, lang)
            sys.exit(EXIT_PROBLEMS)
        except MessageError as exc:
            click.echo(message(exc.code, lang, **exc.params), err=True)
            sys.exit(EXIT_USAGE if isinstance(exc, UsageError) else EXIT_PROBLEMS)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qrdir")
def main() -> None:
    """qrdir: a ward's public offices as landing pages, QR codes and posters."""


@main.command()
@click.argument("registry", default="sites.yaml", type=click.Path(path_type=Path))
@lang_option
@reports_errors
def check(registry: Path, lang: str) -> None:
    """Validate REGISTRY and print every error and warning."""
    from qrdir.validate import check_registry

    _print_problems(check_registry(registry), lang)


@main.command()
@click.argument("registry", default="sites.yaml", type=click.Path(path_type=Path))
@click.option("-o", "--output", default="output", type=click.Path(path_type=Path),
              help="Folder to write (default: output/).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates overriding the built-in ones, file by file.")
@lang_option
@reports_errors
def build(registry: Path, output: Path, templates_dir: Path | None, lang: str) -> None:
    """Validate REGISTRY, then build the whole output folder."""
    from qrdir.build import build as build_output

    result = build_output(registry, output, templates_dir=templates_dir)
    _print_problems(result.warnings, lang)
    click.echo(message("built", lang, sites=len(result.registry.sites), files=result.files,
                       output=str(output)), err=True)
