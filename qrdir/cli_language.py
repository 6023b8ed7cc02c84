"""click, speaking the user's language: help, usage lines and usage errors from the catalogue.

cli.md "Language": ``--help`` of every command and every usage error are Vietnamese by default
and English with ``--lang en`` (or ``QRDIR_LANG=en``), and ``--lang`` works before or after the
command name. click writes help and reports a bad argument while it parses, before any option
reaches a command, so the language is read from the arguments first (:func:`requested_language`)
and kept for the whole run. Help texts, metavars and headings given as catalogue codes are
looked up when click formats them; a plain text is shown as it is.
"""

from __future__ import annotations

import contextvars
import sys
from collections.abc import Sequence

import click

from qrdir.messages import MESSAGES, message, resolve_language

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("qrdir_language",
                                                                       default=None)


def requested_language(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``args`` (before a ``--``), wherever it stands."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def language() -> str:
    """This run's language: ``--lang`` anywhere in the arguments, else QRDIR_LANG, else vi."""
    return _language.get() or resolve_language()


def say(code: str, **args: object) -> str:
    """The catalogue sentence ``code`` in this run's language."""
    return message(code, language(), **args)


def _text(value: str | None, args: dict | None = None) -> str | None:
    """A catalogue code translated, or a plain text as it is."""
    if value is not None and value in MESSAGES:
        return say(value, **(args or {}))
    return value


class Option(click.Option):
    """An option whose help and metavar may be catalogue codes (``help_args`` fill the help)."""

    def __init__(self, *args, help_args: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_args = help_args

    def make_metavar(self, ctx: click.Context) -> str:
        return _text(super().make_metavar(ctx))

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        code = self.help
        self.help = _text(code, self.help_args)
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = code


class Argument(click.Argument):
    """A positional argument whose metavar may be a catalogue code."""

    def make_metavar(self, ctx: click.Context) -> str:
        return _text(super().make_metavar(ctx))


class Choice(click.Choice):
    """click's Choice, refusing a value in the user's language."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(say("usage_bad_choice", value=value, choices=", ".join(self.choices)),
                      param, ctx)


class IntRange(click.IntRange):
    """click's IntRange, refusing a value in the user's language."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(say("usage_bad_number", value=value, min=self.min, max=self.max),
                      param, ctx)


class _Speaking:
    """Help formatting shared by commands and the group: every word from the catalogue."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces),
                              prefix=say("usage_prefix") + " ")

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [_text(piece) for piece in pieces]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = say("help_help_option")
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = _text(self.help)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                for number, paragraph in enumerate(text.split("\n\n")):
                    if number:
                        formatter.write_paragraph()
                    formatter.write_text(paragraph)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [record for param in self.get_params(ctx)
                   if not isinstance(param, click.Argument)
                   and (record := param.get_help_record(ctx)) is not None]
        if records:
            with formatter.section(say("help_heading_options")):
                formatter.write_dl(records)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = _text(self.epilog)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help, whole: the command list never cuts a line."""
        return (_text(self.short_help or self.help) or "").split("\n\n")[0].strip()


class Command(_Speaking, click.Command):
    """A qrdir command: help in the user's language, extra arguments refused in it too."""

    def __init__(self, *args, **kwargs):
        # Leftover arguments come back from click's parser and are refused below, in words.
        kwargs["context_settings"] = {**(kwargs.get("context_settings") or {}),
                                      "allow_extra_args": True}
        kwargs.setdefault("options_metavar", "usage_options")
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise click.UsageError(say("usage_extra_argument", args=" ".join(rest)), ctx)
        return rest


class Group(_Speaking, click.Group):
    """The ``qrdir`` group: commands listed in the order they are met, usage errors in words."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "usage_options")
        kwargs.setdefault("subcommand_metavar", "usage_command")
        super().__init__(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str())
                for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section(say("help_heading_commands")):
                formatter.write_dl(rows)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra):
        """click's main, with the language read first and click's errors said in it."""
        token = _language.set(resolve_language(
            requested_language(sys.argv[1:] if args is None else list(args))))
        try:
            if not standalone_mode:
                return super().main(args, prog_name, complete_var, False, **extra)
            try:
                result = super().main(args, prog_name, complete_var, False, **extra)
            except click.exceptions.NoArgsIsHelpError as error:  # plain "qrdir": its help
                click.echo(error.ctx.get_help())
                sys.exit(0)
            except click.UsageError as error:
                for line in usage_error_lines(error):
                    click.echo(line, err=True)
                sys.exit(EXIT_USAGE)
            except click.ClickException as error:
                click.echo(say("usage_error", text=error.format_message()), err=True)
                sys.exit(error.exit_code)
            except click.Abort:
                click.echo(say("interrupted"), err=True)
                sys.exit(EXIT_INTERRUPTED)
            sys.exit(result if isinstance(result, int) else 0)
        finally:
            _language.reset(token)


def usage_error_lines(error: click.UsageError) -> list[str]:
    """A usage error as two sentences: what is wrong, and where the usage is explained."""
    exceptions = click.exceptions
    if isinstance(error, exceptions.NoSuchCommand):
        text = _suggesting("usage_no_command", error.command_name, error.possibilities)
    elif isinstance(error, exceptions.NoSuchOption):
        text = _suggesting("usage_no_option", error.option_name, error.possibilities)
    elif isinstance(error, exceptions.BadOptionUsage):
        code = ("usage_option_takes_no_value" if "does not take" in error.message
                else "usage_option_needs_value")
        text = say(code, name=error.option_name)
    elif isinstance(error, exceptions.MissingParameter):
        if isinstance(error.param, click.Argument) and isinstance(error.param.type, click.Choice):
            text = say("usage_missing_choice", choices=", ".join(error.param.type.choices))
        else:
            text = say("usage_missing", name=_param_name(error))
    elif isinstance(error, exceptions.BadParameter):
        text = say("usage_bad_value", name=_param_name(error), text=error.message)
    else:
        text = error.message
    lines = [say("usage_error", text=text)]
    if error.ctx is not None:
        lines.append(say("usage_see_help", command=f"{error.ctx.command_path} --help"))
    return lines


def _suggesting(code: str, name: str, possibilities: Sequence[str] | None) -> str:
    if possibilities:
        return say(code + "_suggest", name=name, suggestion=possibilities[0])
    return say(code, name=name)


def _param_name(error: click.BadParameter) -> str:
    if error.param_hint is not None:
        return str(error.param_hint)
    param = error.param
    if param is None:
        return "?"
    if isinstance(param, click.Option):
        return " / ".join(param.opts)
    return param.make_metavar(error.ctx) if error.ctx else param.name.upper()
