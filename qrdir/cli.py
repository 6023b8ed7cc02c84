"""The ``qrdir`` command line: parse options, call one library function, print, pick the exit code.

Exit codes (spec/cli.md): 0 success, 1 the registry has errors or verify failed, 2 wrong usage.
The library never prints or exits; this module is the one exception boundary.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from qrdir import __version__, paths
from qrdir.errors import InterruptedAfterPublishing, MessageError, ProblemsError, UsageError
from qrdir.messages import message, resolve_language
from qrdir.posters.formats import FORMATS
from qrdir.registry.model import Problem
from qrdir.report import problem_lines, progress_bar, summary_lines

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C

lang_option = click.option(
    "--lang",
    type=click.Choice(["vi", "en"], case_sensitive=False),
    default=None,
    help="Language of messages (default: QRDIR_LANG, else vi).",
)


def _print_problems(problems: Iterable[Problem], lang: str) -> None:
    for line in problem_lines(problems, lang):
        click.echo(line, err=True)


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
        except InterruptedAfterPublishing:
            click.echo(message("interrupted_after_publishing", lang), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            click.echo(message("interrupted", lang), err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qrdir")
def main() -> None:
    """qrdir: a ward's public offices as landing pages, QR codes and posters."""


registry_argument = click.argument(
    "registry", default="sites.yaml", type=click.Path(path_type=Path)
)
output_option = click.option(
    "-o", "--output", default="output", type=click.Path(path_type=Path, file_okay=False),
    help="The output folder (default: output/).",
)
lock_option = click.option(
    "--lock", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="The issued-codes ledger (default: qrdir.lock next to the registry).",
)


@main.command()
@registry_argument
@output_option
@lock_option
@lang_option
@reports_errors
def check(registry: Path, output: Path, lock: Path | None, lang: str) -> None:
    """Validate REGISTRY, or every ward registry in a folder, and print every problem.

    The ids the built OUTPUT serves count as published, like those in the ledger.
    """
    from qrdir.build.province import check_province
    from qrdir.registry.check import check as check_registry

    if registry.is_dir():
        _print_problems(check_province(registry, output), lang)
    else:
        _print_problems(check_registry(registry, lock, output=output).warnings, lang)


def _poster_formats(_ctx, _param, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None  # the registry's directory.posters, else a4

    names = (part.strip().lower() for part in value.split(","))
    formats = tuple(dict.fromkeys(name for name in names if name))
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}")
    return formats


@main.command()
@registry_argument
@output_option
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates overriding the built-in ones, file by file.")
@click.option("--posters", "poster_formats", default=None, callback=_poster_formats,
              help="Poster formats, comma-separated: " + paths.poster_format_help()
                   + " (default: the registry's directory.posters, else a4).")
@lock_option
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Cache folder (default: .qrdir-cache beside the registry, or in the folder).")
@click.option("--no-cache", is_flag=True, help="Build everything from scratch, cache nothing.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Wards built in parallel (default: the number of cores).")
@lang_option
@reports_errors
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


@main.command("host-config")
@click.argument("server", type=click.Choice(["nginx", "apache", "caddy"], case_sensitive=False))
@click.argument("registry", default="sites.yaml", type=click.Path(path_type=Path, dir_okay=False))
@output_option
@lock_option
@lang_option
@reports_errors
def host_config(server: str, registry: Path, output: Path, lock: Path | None, lang: str) -> None:
    """Print SERVER's configuration for REGISTRY's built OUTPUT (nginx, apache or caddy).

    Apply it as printed (publish.md); print it again after a build that retires an id or
    changes base_url. Apache's is also written into OUTPUT as .htaccess by every build.
    """
    from qrdir.web.hosting import configure

    click.echo(configure(server.lower(), registry, output, lock), nl=False)


@main.command()
@click.argument("folder", default=".", type=click.Path(path_type=Path, file_okay=False))
@lang_option
@reports_errors
def init(folder: Path, lang: str) -> None:
    """Start a new directory in FOLDER: a commented sites.yaml to edit, and a short guide."""
    from qrdir.registry.starter import init as write_starter

    written = write_starter(folder)
    click.echo(message("init_done", lang, files=", ".join(str(p) for p in written)), err=True)


@main.command()
@click.argument("output", default="output", type=click.Path(path_type=Path, file_okay=False))
@click.option("--registry", default="sites.yaml", type=click.Path(path_type=Path, dir_okay=False),
              help="The registry to watch and build (default: sites.yaml).")
@click.option("--port", default=8000, type=click.IntRange(0, 65535), help="Port (default 8000).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates overriding the built-in ones, file by file.")
@lock_option
@lang_option
@reports_errors
def serve(output: Path, registry: Path, port: int, templates_dir: Path | None,
          lock: Path | None, lang: str) -> None:
    """Preview OUTPUT on http://127.0.0.1:PORT/, rebuilding when the registry changes."""
    from qrdir.serve import PreviewServer

    def show(outcome) -> None:
        for line in outcome.error_lines:
            click.echo(line, err=True)
        if outcome.result is not None:
            click.echo(message("serve_rebuilt", lang, sites=outcome.result.sites),
                       err=True)

    try:
        server = PreviewServer(registry, output, port=port, lang=lang,
                               templates_dir=templates_dir, lock=lock, on_build=show)
    except OSError as exc:
        raise UsageError("port_in_use", port=port, reason=exc.strerror or exc) from exc
    server.start()
    click.echo(message("serve_ready", lang, url=server.url), err=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@main.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", default="sites.yaml",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Registry to write (default: sites.yaml); never overwritten without --force.")
@click.option("--sheet", default=None, help="Sheet to read (default: the first with a header).")
@click.option("--base-url", default=None, help="directory.base_url, unless FILE gives it.")
@click.option("--name", default=None, help="directory.name (the locality), unless FILE gives it.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
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


@main.command()
@registry_argument
@click.option("-o", "--output", default="sites.xlsx",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Spreadsheet to write (default: sites.xlsx); an edited one is never "
              "overwritten without --force.")
@click.option("--force", is_flag=True,
              help="Overwrite OUTPUT even if it was edited since the last export, or is not one.")
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


@main.command()
@click.argument("output", default="output", type=click.Path(path_type=Path, file_okay=False))
@lang_option
@reports_errors
def verify(output: Path, lang: str) -> None:
    """Decode every QR code in OUTPUT's posters and images; check each leads to a page."""
    from qrdir.verify import check_output

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


@main.command()
@registry_argument
@output_option
@click.option("--to", "to", default=None, metavar="TARGET",
              help="Where to publish: s3://BUCKET[/PREFIX], git:REMOTE#BRANCH, "
                   "sftp://USER@HOST[:PORT]/PATH or file:///PATH "
                   "(default: the registry's directory.deploy).")
@click.option("--dry-run", is_flag=True, help="List what would be uploaded, changed and "
              "deleted; change nothing.")
@click.option("--force", is_flag=True, help="Delete files even beyond the cap.")
@click.option("--max-deletes", type=click.IntRange(0), default=None,
              help="Refuse a deploy deleting more files than this (default: a quarter of "
                   "the target's files).")
@click.option("--endpoint-url", default=None, metavar="URL",
              help="The S3 API's address, for object storage that is not AWS.")
@click.option("--changed-urls", "changed_urls", default=None, metavar="FILE",
              type=click.Path(path_type=Path, dir_okay=False),
              help="Write the addresses that changed to FILE, one a line, for a CDN purge.")
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
