"""The ``qrdir`` command line: parse options, call one library function, print, pick the exit code.

Exit codes (spec/cli.md): 0 success, 1 the registry has errors or verify failed, 2 wrong usage.
The library never prints or exits; this module is the one exception boundary.
"""

from __future__ import annotations

import functools
import os
import shlex
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from qrdir import __version__, paths
from qrdir.cli_language import (
    Argument,
    Choice,
    Group,
    IntRange,
    Option,
    language,
)
from qrdir.errors import InterruptedAfterPublishing, MessageError, ProblemsError, UsageError
from qrdir.messages import message, resolve_language
from qrdir.posters.formats import FORMATS
from qrdir.registry.model import Problem
from qrdir.report import github_annotation, problem_lines, progress_bar, summary_lines

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C

option = functools.partial(click.option, cls=Option)
argument = functools.partial(click.argument, cls=Argument)

lang_option = option(
    "--lang", type=Choice(["vi", "en"], case_sensitive=False), default=None,
    help="help_opt_lang",
)


def _print_problems(problems: Iterable[Problem], lang: str) -> None:
    problems = list(problems)
    for line in problem_lines(problems, lang):
        click.echo(line, err=True)
    context = click.get_current_context(silent=True)
    if context is not None and context.meta.get(_FORMAT) == "github":
        for problem in problems:  # on standard output, where the Actions runner reads them
            click.echo(github_annotation(problem, lang))


_FORMAT = "qrdir.format"


def _remember_format(ctx: click.Context, _param, value: str) -> str:
    ctx.meta[_FORMAT] = value
    return value


# cli.md: "--format github prints each problem also as a GitHub Actions annotation".
format_option = option(
    "--format", "problem_format", type=Choice(["text", "github"], case_sensitive=False),
    default="text", callback=_remember_format, expose_value=False, help="help_opt_format",
)


def reports_errors(command: Callable | None = None, *, keeps_output: bool = False) -> Callable:
    """Run a command body, turning qrdir's exceptions into messages and exit codes.

    With ``keeps_output``, a failure also says what became of the ``output`` folder.
    """
    if command is None:
        return functools.partial(reports_errors, keeps_output=keeps_output)

    @functools.wraps(command)
    def wrapper(*args, lang: str | None = None, **kwargs):
        lang = resolve_language(lang) if lang else language()
        existed = keeps_output and Path(kwargs["output"]).exists()
        try:
            return command(*args, lang=lang, **kwargs)
        except ProblemsError as exc:
            _print_problems(exc.problems, lang)
            _say_output_kept(keeps_output, existed, kwargs, lang)
            sys.exit(EXIT_PROBLEMS)
        except MessageError as exc:
            click.echo(message(exc.code, lang, **exc.params), err=True)
            if isinstance(exc, UsageError):
                sys.exit(EXIT_USAGE)
            _say_output_kept(keeps_output, existed, kwargs, lang)
            sys.exit(EXIT_PROBLEMS)
        except InterruptedAfterPublishing:
            click.echo(message("interrupted_after_publishing", lang), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            click.echo(message("interrupted", lang), err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper


def _say_output_kept(keeps_output: bool, existed: bool, kwargs: dict, lang: str) -> None:
    """output.md build guarantees: a failed build leaves the output as it was; say so."""
    if keeps_output:
        code = "build_failed_output_kept" if existed else "build_failed_nothing_written"
        click.echo(message(code, lang, output=str(kwargs["output"])), err=True)


@click.group(name="qrdir", cls=Group, help="help_main",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qrdir", cls=Option, help="help_version_option")
@option("--lang", type=Choice(["vi", "en"], case_sensitive=False), default=None,
        expose_value=False, help="help_opt_lang")  # read by cli_language, before parsing
def main() -> None:
    """qrdir: a ward's public offices as landing pages, QR codes and posters."""


def _registry_in_folder(_ctx, _param, value: Path) -> Path:
    """A folder holding a ``sites.yaml`` is that ward's folder, as ``qrdir init`` makes it:
    its registry is meant (a province's folder holds one registry per ward, never sites.yaml)."""
    inside = value / "sites.yaml"
    return inside if value.is_dir() and inside.is_file() else value


registry_argument = argument(
    "registry", default="sites.yaml", type=click.Path(path_type=Path), metavar="meta_registry",
    callback=_registry_in_folder,
)
output_option = option(
    "-o", "--output", default="output", type=click.Path(path_type=Path, file_okay=False),
    metavar="meta_folder", help="help_opt_output",
)
lock_option = option(
    "--lock", type=click.Path(path_type=Path, dir_okay=False), default=None,
    metavar="meta_file", help="help_opt_lock",
)
templates_option = option(
    "--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
    metavar="meta_folder", help="help_opt_templates",
)


@main.command(help="help_init")
@argument("folder", default=".", type=click.Path(path_type=Path, file_okay=False),
          metavar="meta_dir")
@option("--ci", type=Choice(["github", "gitlab"], case_sensitive=False), default=None,
        help="help_opt_ci")
@lang_option
@reports_errors
def init(folder: Path, ci: str | None, lang: str) -> None:
    """Start a new directory in FOLDER: a commented sites.yaml to edit, and a guide."""
    from qrdir.registry.starter import GUIDE_NAME, REGISTRY_NAME
    from qrdir.registry.starter import init as write_starter

    if ci is not None:
        from qrdir.deploy.ci import write_workflow

        # A ward that already has its registry adds only the workflow.
        has_registry = (folder / REGISTRY_NAME).exists()
        written = [] if has_registry else write_starter(folder)
        workflow = write_workflow(folder, ci.lower())
        pages = "GitHub Pages, gh-pages" if ci.lower() == "github" else "GitLab Pages"
        click.echo(message("init_ci_done", lang, workflow=str(workflow), pages=pages), err=True)
        if has_registry:
            return
    else:
        written = write_starter(folder)
    click.echo(message("init_done", lang, files=", ".join(str(p) for p in written)), err=True)
    steps = [f"cd {shell_quote(str(folder))}"] if folder != Path(".") else []
    steps += [message("init_next_edit", lang), "qrdir check", "qrdir serve", "qrdir build"]
    click.echo(message("init_next_steps", lang), err=True)
    for step in steps:
        click.echo(f"  {step}", err=True)
    click.echo(message("init_next_guide", lang, guide=GUIDE_NAME), err=True)


def shell_quote(text: str, platform: str = os.name) -> str:
    """``text`` as one word for this platform's shell: POSIX quoting, or Windows' double quotes."""
    if platform == "nt":
        return f'"{text}"' if any(c in text for c in " &()^;,") else text
    return shlex.quote(text)


@main.command(help="help_check")
@registry_argument
@output_option
@lock_option
@format_option
@lang_option
@reports_errors
def check(registry: Path, output: Path, lock: Path | None, lang: str) -> None:
    """Validate REGISTRY, or every ward registry in a folder; print every problem, or one line."""
    from qrdir.build.province import check_province
    from qrdir.registry.check import check as check_registry

    if registry.is_dir():
        checked = check_province(registry, output)
        _print_problems(checked.problems, lang)
        click.echo(message("check_ok_province", lang, registry=str(registry),
                           wards=checked.wards, sites=checked.sites,
                           warnings=len(checked.problems)), err=True)
    else:
        checked = check_registry(registry, lock, output=output)
        _print_problems(checked.warnings, lang)
        click.echo(message("check_ok", lang, registry=str(registry),
                           sites=len(checked.registry.sites),
                           warnings=len(checked.warnings)), err=True)


def _poster_formats(_ctx, _param, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None  # the registry's directory.posters, else a4

    names = (part.strip().lower() for part in value.split(","))
    formats = tuple(dict.fromkeys(name for name in names if name))
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(message("usage_bad_choice", language(), value=value,
                                         choices=", ".join(FORMATS)))
    return formats


@main.command(help="help_build")
@registry_argument
@output_option
@templates_option
@option("--posters", "poster_formats", default=None, callback=_poster_formats,
        metavar="meta_formats", help="help_opt_posters",
        help_args={"formats": paths.poster_format_help()})
@lock_option
@option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
        metavar="meta_folder", help="help_opt_cache")
@option("--no-cache", is_flag=True, help="help_opt_no_cache")
@option("-j", "--jobs", type=IntRange(1, 256), default=None, metavar="meta_number",
        help="help_opt_jobs")
@format_option
@lang_option
@reports_errors(keeps_output=True)
def build(registry: Path, output: Path, templates_dir: Path | None,
          poster_formats: tuple[str, ...] | None, lock: Path | None, cache_dir: Path | None,
          no_cache: bool, jobs: int | None, lang: str) -> None:
    """Validate REGISTRY (or a folder of ward registries), then build the output folder."""
    from qrdir.build.incremental import BuildCache
    from qrdir.build.province import build_province
    from qrdir.build.ward import build as build_ward

    cache = BuildCache(None if no_cache else cache_dir or BuildCache.beside(registry).root)
    options = dict(templates_dir=templates_dir, poster_formats=poster_formats, cache=cache)
    with progress_bar(lang) as progress:
        if registry.is_dir():
            if lock is not None:
                raise UsageError("lock_with_folder")
            result = build_province(registry, output, jobs=jobs, progress=progress, **options)
        else:
            result = build_ward(registry, output, lock=lock, progress=progress, **options)
    for line in summary_lines(result, lang):
        click.echo(line, err=True)


@main.command(help="help_serve")
@registry_argument
@output_option
@option("--host", default="127.0.0.1", metavar="meta_host", help="help_opt_host")
@option("--port", default=8000, type=IntRange(0, 65535), metavar="meta_port",
        help="help_opt_port")
@templates_option
@lock_option
@lang_option
@reports_errors
def serve(registry: Path, output: Path, host: str, port: int, templates_dir: Path | None,
          lock: Path | None, lang: str) -> None:
    """Preview OUTPUT on http://HOST:PORT/, rebuilding on every change and reloading the page."""
    from qrdir.serve import PreviewServer

    if registry.is_dir():
        raise UsageError("serve_needs_file", path=str(registry))

    def show(outcome) -> None:
        for line in outcome.error_lines:
            click.echo(line, err=True)
        if outcome.result is not None:
            click.echo(message("serve_rebuilt", lang, sites=outcome.result.sites),
                       err=True)

    try:
        server = PreviewServer(registry, output, host=host, port=port, lang=lang,
                               templates_dir=templates_dir, lock=lock, on_build=show)
    except OSError as exc:
        raise UsageError("port_in_use", host=host, port=port,
                         reason=exc.strerror or exc) from exc
    server.start()
    click.echo(message("serve_ready", lang, url=server.url), err=True)
    if server.listens_beyond_this_computer:
        phone_urls = server.network_urls()
        if phone_urls:
            click.echo(message("serve_phone", lang, urls="  ".join(phone_urls)), err=True)
        else:
            click.echo(message("serve_phone_unknown", lang, port=server.port), err=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@main.command(help="help_verify")
@registry_argument
@output_option
@lang_option
@reports_errors
def verify(registry: Path, output: Path, lang: str) -> None:
    """Decode every QR code in OUTPUT's posters and images; check each leads to a page."""
    from qrdir.verify import check_output, is_output

    if is_output(registry):  # the form of qrdir 1: verify OUTPUT
        raise UsageError("verify_output_as_registry", path=str(registry))
    report = check_output(output)
    for failure in report.failures:
        text = message(failure.code, lang, **failure.args)
        where = str(output / failure.file)
        if failure.page is None:
            line = message("verify_failure_at", lang, file=where, text=text)
        else:
            line = message("verify_failure_at_page", lang, file=where, page=failure.page, text=text)
        click.echo(line, err=True)
    if report.failures:
        sys.exit(EXIT_PROBLEMS)
    click.echo(message("verify_ok", lang, codes=report.codes, files=report.files,
                       output=str(output)), err=True)


@main.command(help="help_printed")
@registry_argument
@output_option
@lock_option
@lang_option
@reports_errors
def printed(registry: Path, output: Path, lock: Path | None, lang: str) -> None:
    """Record that the posters waiting in OUTPUT's print files (posters/print-*.pdf) were
    printed, in the ledger (qrdir.lock); the next build gathers only new or changed ones."""
    from qrdir.build.printing import mark_printed

    if registry.is_dir():
        raise UsageError("printed_folder")
    marked = mark_printed(registry, output, lock)
    if not marked.bundles:
        click.echo(message("printed_nothing", lang, output=str(output)), err=True)
    for file, count in marked.bundles:
        code = "printed_done_one" if count == 1 else "printed_done"
        click.echo(message(code, lang, file=file, count=count), err=True)


@main.command("host-config", help="help_host_config")
@argument("server", type=Choice(["nginx", "apache", "caddy"], case_sensitive=False))
@argument("registry", default="sites.yaml", type=click.Path(path_type=Path, dir_okay=False),
          metavar="meta_registry")
@output_option
@lock_option
@lang_option
@reports_errors
def host_config(server: str, registry: Path, output: Path, lock: Path | None, lang: str) -> None:
    """Print SERVER's configuration for REGISTRY's built OUTPUT (nginx, apache or caddy)."""
    from qrdir.web.hosting import configure

    click.echo(configure(server.lower(), registry, output, lock), nl=False)


@main.command("import", help="help_import")
@argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar="meta_spreadsheet")
@option("-o", "--output", default="sites.yaml", type=click.Path(path_type=Path, dir_okay=False),
        metavar="meta_file", help="help_opt_import_output")
@option("--sheet", default=None, metavar="meta_sheet", help="help_opt_sheet")
@option("--base-url", default=None, metavar="URL", help="help_opt_base_url")
@option("--name", default=None, metavar="meta_name", help="help_opt_name")
@option("--force", is_flag=True, help="help_opt_import_force")
@lang_option
@reports_errors
def import_(file: Path, output: Path, sheet: str | None, base_url: str | None, name: str | None,
            force: bool, lang: str) -> None:
    """Turn the spreadsheet FILE (.xlsx or .csv) into a registry, repairing TCVN3/VNI text."""
    from qrdir.sheets.importer import import_spreadsheet

    report = import_spreadsheet(file, output, sheet=sheet, base_url=base_url, name=name,
                                overwrite=force, lang=lang)
    for line in report.lines(lang):
        click.echo(line, err=True)
    if not report.written:
        sys.exit(EXIT_PROBLEMS)


@main.command(help="help_export")
@registry_argument
@option("-o", "--output", default="sites.xlsx", type=click.Path(path_type=Path, dir_okay=False),
        metavar="meta_file", help="help_opt_export_output")
@option("--force", is_flag=True, help="help_opt_export_force")
@lang_option
@reports_errors
def export(registry: Path, output: Path, force: bool, lang: str) -> None:
    """Write REGISTRY as a spreadsheet that qrdir import reads back to the same registry."""
    from qrdir.sheets.exporter import export_registry

    result = export_registry(registry, output, force=force)
    _print_problems(result.warnings, lang)
    code = "export_written" if result.written else "export_unchanged"
    click.echo(message(code, lang, sites=result.sites, rows=result.rows, output=str(output)),
               err=True)


@main.command(help="help_deploy")
@registry_argument
@output_option
@option("--to", "to", default=None, metavar="meta_target", help="help_opt_to")
@option("--dry-run", is_flag=True, help="help_opt_dry_run")
@option("--force", is_flag=True, help="help_opt_deploy_force")
@option("--max-deletes", type=IntRange(0), default=None, metavar="meta_number",
        help="help_opt_max_deletes")
@option("--endpoint-url", default=None, metavar="meta_url", help="help_opt_endpoint_url")
@option("--changed-urls", "changed_urls", default=None, metavar="meta_file",
        type=click.Path(path_type=Path, dir_okay=False), help="help_opt_changed_urls")
@lang_option
@reports_errors
def deploy(registry: Path, output: Path, to: str | None, dry_run: bool, force: bool,
           max_deletes: int | None, endpoint_url: str | None, changed_urls: Path | None,
           lang: str) -> None:
    """Copy the built OUTPUT to where residents read it: only what changed, pages last.

    Refused, with nothing changed, when it would remove a printed code the target serves.
    """
    from qrdir.deploy.run import deploy as deploy_output
    from qrdir.deploy.run import resolve_target

    target = resolve_target(registry, to)
    done = deploy_output(output, target, dry_run=dry_run, force=force, max_deletes=max_deletes,
                         endpoint_url=endpoint_url)
    plan = done.plan
    if dry_run:
        for path in plan.uploads:
            code = "deploy_would_change" if path in plan.changed else "deploy_would_upload"
            click.echo(message(code, lang, path=path))
        for path in plan.deletions:
            click.echo(message("deploy_would_delete", lang, path=path))
    if changed_urls is not None and not dry_run:
        from qrdir.build.files import write_atomically

        try:
            write_atomically(changed_urls, "".join(url + "\n" for url in done.changed_urls)
                             .encode("utf-8"))
        except OSError as exc:
            raise UsageError("deploy_changed_urls_unwritable", path=str(changed_urls),
                             reason=exc.strerror or exc) from exc
    click.echo(message("deploy_dry_run" if dry_run else "deploy_done", lang, target=target,
                       uploaded=len(plan.uploads), deleted=len(plan.deletions),
                       unchanged=plan.unchanged, bytes=done.bytes), err=True)
