"""What a build tells ward staff in the terminal: the change report and a progress bar."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterator

import click

from qrdir.build.changes import ChangeReport, FieldChange, readable
from qrdir.messages import MESSAGES, format_problem, message

# A build that finishes sooner than this never shows a bar: it would only flicker.
PROGRESS_DELAY_SECONDS = 1.0


def summary_lines(result, lang: str) -> list[str]:
    """Warnings, change report and closing line of a ward build or a province build."""
    from qrdir.build.province import ProvinceResult

    if not isinstance(result, ProvinceResult):
        return [*problem_lines(result.warnings, lang), *report_lines(result.report, lang),
                message("built", lang, sites=result.sites, files=result.files,
                        output=str(result.output))]
    lines = []
    for ward in result.wards:
        lines += problem_lines(ward.warnings, lang)
        if ward.report.changes or ward.report.added or ward.report.removed:
            lines += [f"{ward.output.name}: {line}" for line in report_lines(ward.report, lang)]
    return lines + [message("province_built", lang, wards=len(result.wards), sites=result.sites,
                            output=str(result.output))]


def problem_lines(problems, lang: str) -> list[str]:
    """``file:line:col: severity: message`` lines."""
    return [format_problem(problem, lang) for problem in problems]


def github_annotation(problem, lang: str) -> str:
    """A problem as a GitHub Actions workflow command (cli.md ``--format github``), which puts
    it on its line in the web editor: ``::error file=sites.yaml,line=14,col=12::…``."""
    def escaped(text: str, extra: str = "") -> str:
        # GitHub's escaping of workflow commands: % and line breaks in data, also : and , in
        # a property's value.
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        for char, code in (":", "%3A"), (",", "%2C"):
            if char in extra:
                text = text.replace(char, code)
        return text

    text = message(problem.code, lang, **problem.args)
    return (f"::{problem.severity} file={escaped(str(problem.file), ':,')},line={problem.line},"
            f"col={problem.col}::{escaped(text)}")


def report_lines(report: ChangeReport, lang: str) -> list[str]:
    """The change report as short lines, most important last (what to print, output.md 1.1)."""
    if report.first_build:
        return [message("report_first_build", lang, sites=report.sites),
                _print_line(report, lang)]
    lines = [message("report_added", lang, id=site_id) for site_id in report.added]
    lines += [message("report_removed", lang, id=site_id) for site_id in report.removed]
    for change in report.directory_changes:
        lines.append(message("report_directory_field_change", lang,
                             field=field_words(change, lang),
                             old=readable(change.path, change.old),
                             new=readable(change.path, change.new)))
    for change in report.changes:
        lines.append(message("report_field_change", lang, id=change.site_id,
                             field=field_words(change, lang),
                             old=readable(change.path, change.old),
                             new=readable(change.path, change.new)))
    if not lines:
        lines.append(message("report_nothing_changed", lang))
    if report.redirects_changed:
        lines.append(message("report_redirects_changed", lang))
    dropped = _dropped_poster_files(report)
    if dropped:
        lines.append(message("report_dropped_posters", lang, files=", ".join(dropped)))
    if report.new_poster_files:
        lines.append(message("report_new_posters", lang,
                             files=", ".join(report.new_poster_files)))
    if report.changed_poster_files:
        lines.append(message("report_changed_posters", lang,
                             files=", ".join(report.changed_poster_files)))
    lines.append(_print_line(report, lang))
    codes = ", ".join(report.reprint_codes) or message("report_none", lang)
    lines.append(message("report_reprint_codes", lang, ids=codes))
    return lines


def _print_line(report: ChangeReport, lang: str) -> str:
    """The print bundles waiting, or that nothing waits."""
    if not report.bundles:
        return message("report_nothing_to_print", lang)
    bundles = ", ".join(message("report_bundle_one" if count == 1 else "report_bundle", lang,
                                file=file, count=count) for file, count in report.bundles)
    return message("report_bundles", lang, bundles=bundles)


_INDEX = re.compile(r"\[\d+\]")


def field_words(change: FieldChange, lang: str) -> str:
    """A changed field named in words (``Số điện thoại của Trưởng khu phố``), not as its path
    in sites.json (``contacts[1].phone``); a part the catalogue does not name stays as it is."""
    head, _, rest = change.path.partition(".")
    key = _INDEX.sub("", head)
    if key == "contacts" and rest:
        key, _, rest = rest.partition(".")
    named = MESSAGES.get(f"report_field_{key}")
    words = named[lang] if named else key
    if rest:
        words = f"{words} ({rest})"
    if change.role and change.path.startswith("contacts["):
        words = message("report_field_of_contact", lang, field=words, role=change.role)
    elif _INDEX.search(head) and not change.path.startswith("contacts["):
        words = f"{words} {_INDEX.search(head)[0]}"
    return words


def _dropped_poster_files(report: ChangeReport) -> list[str]:
    """Poster files no longer made, a folder of them as one entry; a removed site's own
    posters are left out (its removal is reported already)."""
    removed = {f"{site_id}.pdf" for site_id in report.removed}
    shown: list[str] = []
    for path in report.dropped_posters:
        folder, _, name = path.rpartition("/")
        entry = path if folder == "posters" else folder + "/…"
        if name not in removed and entry not in shown:
            shown.append(entry)
    return shown


@contextlib.contextmanager
def progress_bar(lang: str) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback drawing a bar on a terminal, silent elsewhere.

    Quiet when standard error is not a terminal or in CI (the ``CI`` variable), and for
    builds that end before :data:`PROGRESS_DELAY_SECONDS`.
    """
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda done, total: None
        return
    started = time.monotonic()
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and time.monotonic() - started >= PROGRESS_DELAY_SECONDS:
            bar = click.progressbar(length=total, label=message("progress_label", lang),
                                    file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
