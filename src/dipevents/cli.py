"""The ``dipevents`` command: a thin layer over the package's modules."""

from __future__ import annotations

import argparse
import os
import sys

from .escape import visible_lines as visible  # data printed to a terminal: bidi, zero-width, control characters escaped

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dipevents", description="Tools for the Diplomatic Events data package.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the package and print every error with file, line and hint")
    v.add_argument("path", nargs="?", default=".", help="package folder or its datapackage.json (default: .)")
    v.add_argument("--format", choices=["text", "json", "github"], default="text", help="output format")
    v.add_argument("--official", action="store_true",
                   help="also run frictionless' own row-by-row validation (slower; the release workflow runs it)")
    v.add_argument("--no-cache", action="store_true",
                   help="check everything, reusing no result of an earlier run (see DIPEVENTS_CACHE_DIR)")
    v.add_argument("--changed-since", metavar="REV",
                   help="check only the rows changed since the git revision REV and the rows tied to them "
                        "(same verdict as a full run when REV was valid; for pull requests)")
    s = sub.add_parser("site", help="validate the package, then build the documentation site")
    s.add_argument("path", nargs="?", default=".", help="package folder with mkdocs.yml (default: .)")
    s.add_argument("--out", default=None, help="output folder (default: PATH/site)")
    b = sub.add_parser("build", help="validate, write every download into dist/, then build the site")
    b.add_argument("path", nargs="?", default=".", help="package folder (default: .)")
    b.add_argument("--dist", default=None, help="downloads folder (default: PATH/dist)")
    b.add_argument("--out", default=None, help="site folder (default: PATH/site)")
    d = sub.add_parser("diff", help="rows added, removed and changed between two versions")
    d.add_argument("old", help="package folder or git revision")
    d.add_argument("new", help="package folder or git revision")
    d.add_argument("--repo", default=".", help="git repository for revisions (default: .)")
    d.add_argument("--format", choices=["text", "markdown"], default="text", help="output format")
    f = sub.add_parser("fmt", help="rewrite every CSV in canonical form (order, quoting, encoding)")
    f.add_argument("path", nargs="?", default=".", help="package folder (default: .)")
    f.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    n = sub.add_parser("new", help="print (or --append) a template row with a suggested ID")
    n.add_argument("table", help="table name, for example meetings")
    n.add_argument("--package", default=".", help="package folder (default: .)")
    n.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="fill a column (repeatable)")
    n.add_argument("--append", action="store_true", help="add the row to the table's CSV (if it validates)")
    n.add_argument("--party", action="append", default=[], metavar="ACTOR_ID",
                   help="a party named in the suggested ID of a meeting or agreement (repeatable, in order)")
    n.add_argument("--topic", default=None, help="words for the topic part of the suggested ID")
    e = sub.add_parser("set", help="change cells of one row, checked by the validator")
    e.add_argument("table", help="table name, for example meetings")
    e.add_argument("id", help="the row's identifier")
    e.add_argument("cells", nargs="+", metavar="FIELD=VALUE", help="the new values")
    e.add_argument("--package", default=".", help="package folder (default: .)")
    act = sub.add_parser("actors", help="look up actors").add_subparsers(dest="action", required=True)
    af = act.add_parser("find", help="search actors by name, Wikidata QID, country and description")
    af.add_argument("text", help="what to look for: a name (even misspelt), a QID, a country or its ISO3 code")
    af.add_argument("--package", default=".", help="package folder (default: .)")
    dt = sub.add_parser("date", help="what date words mean for a source: first and last day, precision, value to code")
    dt.add_argument("words", nargs="+", help='the source\'s words, for example "last week"')
    dt.add_argument("--published", required=True, help="the source's published_date YYYY-MM-DD")
    dt.add_argument("--language", default="en", help="the source's language, ISO 639-1 (default: en)")
    src = sub.add_parser("source", help="manage archived sources").add_subparsers(dest="action", required=True)
    a = src.add_parser("add", help="archive a source text and add its row to sources")
    a.add_argument("file", help="the source text (UTF-8)")
    a.add_argument("--package", default=".", help="package folder (default: .)")
    a.add_argument("--url", required=True)
    a.add_argument("--published", required=True, help="publication date YYYY-MM-DD")
    a.add_argument("--title", required=True)
    a.add_argument("--publisher", required=True)
    a.add_argument("--language", default="en", help="ISO 639-1 code (default: en)")
    a.add_argument("--id", default=None, help="source_id (default: suggested from date, site, title)")
    a.add_argument("--notes", default="", help="the row's notes: context from outside the source")
    a.add_argument("--topic", default=None, help="words for the topic part of the suggested ID")
    c = src.add_parser("check", help="fail if an archived text or its sources row changed since a git revision")
    c.add_argument("--base", required=True, metavar="REV", help="the git revision to compare with, e.g. origin/main")
    c.add_argument("--head", default=None, metavar="REV", help="the revision to check (default: the working tree)")
    c.add_argument("--repo", default=".", help="the package folder, inside a git repository (default: .)")
    c.add_argument("--format", choices=["text", "github"], default="text", help="output format")
    return parser


def cmd_validate(args) -> int:
    from .changed_rows import RevisionError
    from .report import RENDERERS
    from .validate import run

    if isinstance(args.changed_since, list):  # argparse gives [] for --changed-since=--
        args.changed_since = "--"
    if args.changed_since is not None and args.official:
        print("dipevents validate: --changed-since and --official cannot be combined: "
              "frictionless' pass checks every row", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = run(args.path, official=args.official, cache=not args.no_cache, changed_since=args.changed_since)
    except RevisionError as exc:
        print(f"dipevents validate: --changed-since: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if result.scope:
        print(f"dipevents validate: {result.scope}", file=sys.stderr)
    for note in result.notes:
        print(f"dipevents validate: {visible(note)}", file=sys.stderr)
    sys.stdout.write(RENDERERS[args.format](result.errors, result.summary()))
    if result.package is None and any(e.rule.name == "missing-file" for e in result.errors):
        print(f"dipevents validate: {args.path} is not a package (no datapackage.json there)", file=sys.stderr)
        return EXIT_USAGE  # the path given is wrong, not the data
    if any(e.rule.name == "internal" for e in result.errors):
        return EXIT_USAGE  # the validator itself failed somewhere: its verdict is incomplete
    return EXIT_VALID if result.valid else EXIT_INVALID


def _validated(root):
    """The validation result when the package is valid; otherwise print why and return None."""
    from .report import render_text
    from .validate import run

    result = run(root)
    if not result.valid:
        sys.stdout.write(render_text(result.errors, result.summary()))
        print("Nothing was built: fix the errors above first.")
        return None
    return result


def _refused(root, out) -> bool:
    from .outputs import unsafe_output

    reason = unsafe_output(root, out)
    if reason:
        print(f"dipevents: will not clear {out}: {reason}. Choose another folder.", file=sys.stderr)
    return reason is not None


def _site(root, stage, out, dist=None) -> int:
    """Build the site into STAGE (a fresh folder beside OUT: outputs.Staged); OUT is untouched."""
    import time

    from .site.build import build_site

    started = time.perf_counter()
    code, log = build_site(root, stage.path, dist)
    if code:
        sys.stdout.write(log)
        print(f"The site build failed (see above); {out} was left as it was.")
        return EXIT_INVALID
    pages = sum(1 for _ in stage.path.rglob("index.html"))
    print(f"Site built in {out} ({pages} pages) in {time.perf_counter() - started:.1f} s.")
    return EXIT_VALID


def cmd_site(args) -> int:
    from pathlib import Path

    from .outputs import Staged

    root = Path(args.path)
    out = Path(args.out) if args.out else root / "site"
    if _refused(root, out):
        return EXIT_USAGE
    if _validated(root) is None:
        return EXIT_INVALID
    with Staged(out) as stage:
        code = _site(root, stage, out)
        if code == EXIT_VALID:
            stage.commit()
    return code


def cmd_build(args) -> int:
    import time
    from pathlib import Path

    from .export.build import build_dist

    from .outputs import Staged, overlapping

    root = Path(args.path)
    dist = Path(args.dist) if args.dist else root / "dist"
    site = Path(args.out) if args.out else root / "site"
    if _refused(root, dist) or _refused(root, site):
        return EXIT_USAGE
    clash = overlapping(dist, site)
    if clash:
        print(f"dipevents build: {clash}. Choose two separate folders.", file=sys.stderr)
        return EXIT_USAGE
    result = _validated(root)
    if result is None:
        return EXIT_INVALID
    started = time.perf_counter()
    # Both are built in fresh folders and swapped in together, only when both are complete.
    with Staged(dist) as dist_stage, Staged(site) as site_stage:
        artifacts = build_dist(result.package, result.tables, dist_stage.path)
        size = sum(p.stat().st_size for p in artifacts)
        print(f"{len(artifacts)} files ({size / 1024:.0f} KiB) written for {dist} in "
              f"{time.perf_counter() - started:.1f} s.")
        code = _site(root, site_stage, site, dist_stage.path)
        if code == EXIT_VALID:
            dist_stage.commit()
            site_stage.commit()
    return code


def cmd_diff(args) -> int:
    from pathlib import Path

    from .version_diff import DiffError, diff_specs, render_markdown, render_text

    try:
        diffs = diff_specs(args.old, args.new, Path(args.repo))
    except DiffError as exc:
        print(f"dipevents diff: {visible(exc)}", file=sys.stderr)
        return EXIT_INVALID
    sys.stdout.write((render_markdown if args.format == "markdown" else render_text)(diffs))
    return EXIT_VALID


def cmd_fmt(args) -> int:
    from .fmt import format_package
    from .loader import load
    from .report import render_text

    package, errors = load(args.path)
    if package is None or errors:
        sys.stdout.write(render_text(errors, {}))
        return EXIT_INVALID
    outcomes = format_package(package, check=args.check)
    problems = [e for o in outcomes for e in o.errors]
    changed = [o for o in outcomes if o.changed]
    for o in changed:
        blank = f" ({'would remove' if args.check else 'removed'} {o.blank_lines} empty line(s))" if o.blank_lines else ""
        print(f"{'would reformat' if args.check else 'reformatted'} {o.resource.path}{blank}")
    if problems:
        sys.stdout.write(render_text(problems, {}))
    if not changed and not problems:
        print(f"{len(outcomes)} files already canonical.")
    return EXIT_INVALID if problems or (args.check and changed) else EXIT_VALID


def _load_or_fail(path):
    from .loader import load
    from .report import render_text

    package, errors = load(path)
    if package is None or errors:
        sys.stdout.write(render_text(errors, {}))
        return None
    return package


def cmd_new(args) -> int:
    from .author import AuthorError, Refused, append, required_fields, template
    from .fmt import render

    package = _load_or_fail(args.package)
    if package is None:
        return EXIT_INVALID
    resource = package.resources.get(args.table)
    if resource is None or resource.is_codelist:
        names = ", ".join(n for n, r in package.resources.items() if not r.is_codelist)
        print(f"dipevents new: no table {args.table!r}; tables: {names}", file=sys.stderr)
        return EXIT_USAGE
    try:
        values = dict(item.split("=", 1) for item in args.set)
    except ValueError:
        print("dipevents new: --set takes FIELD=VALUE", file=sys.stderr)
        return EXIT_USAGE
    try:
        row = template(resource, values, package, args.party, args.topic)
        if args.append:
            line, verdict = append(resource, row, package)
            key = ", ".join(row[k] for k in resource.primary_key)
            print(f"appended {visible(key)} to {resource.path} at line {line}")
            _after_write(verdict)
            return EXIT_VALID
    except Refused as exc:
        print(f"dipevents new: {visible(exc)}", file=sys.stderr)
        return EXIT_INVALID
    except AuthorError as exc:
        print(f"dipevents new: {visible(exc)}", file=sys.stderr)
        return EXIT_USAGE
    print(f"# {resource.path}; required: {', '.join(required_fields(resource))}")
    sys.stdout.write(render(resource.field_names, [[row[n] for n in resource.field_names]]))
    return EXIT_VALID


def _after_write(verdict) -> None:
    """What is left to do after a checked write: rows still to add, errors elsewhere."""
    from .change_check import describe

    advice = describe(verdict, "")
    if advice:
        print(visible(advice))


def cmd_set(args) -> int:
    from .author import AuthorError, Refused
    from .edit import set_cells

    package = _load_or_fail(args.package)
    if package is None:
        return EXIT_INVALID
    try:
        resource, line, changed, verdict = set_cells(package, args.table, args.id, args.cells)
    except Refused as exc:
        print(f"dipevents set: {visible(exc)}", file=sys.stderr)
        return EXIT_INVALID
    except AuthorError as exc:
        print(f"dipevents set: {visible(exc)}", file=sys.stderr)
        return EXIT_USAGE
    if not changed:
        print(f"{visible(args.id)} already has those values; nothing written")
        return EXIT_VALID
    print(f"set {', '.join(changed)} of {visible(args.id)} in {resource.path} at line {line}")
    _after_write(verdict)
    return EXIT_VALID


def cmd_actors(args) -> int:
    from .actors import actor_rows, find, render

    package = _load_or_fail(args.package)
    if package is None:
        return EXIT_INVALID
    resource = package.resources.get("actors")
    if resource is None:
        print("dipevents actors: the package has no actors table", file=sys.stderr)
        return EXIT_USAGE
    found = find(actor_rows(package), args.text)
    if not found:
        print(f"no actor matches {args.text!r}; add one with: dipevents new actors --set name=... --append")
        return EXIT_INVALID
    sys.stdout.write(render(found, resource.field_names))
    return EXIT_VALID


def cmd_source_check(args) -> int:
    from pathlib import Path

    from .source_check import RENDERERS, CheckError, check

    try:
        outcome = check(Path(args.repo), args.base, args.head)
    except CheckError as exc:
        print(f"dipevents source check: {visible(exc)}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(RENDERERS[args.format](outcome))
    return EXIT_INVALID if outcome.problems else EXIT_VALID


def cmd_source(args) -> int:
    from pathlib import Path

    from .author import AuthorError, add_source

    if args.action == "check":
        return cmd_source_check(args)
    package = _load_or_fail(args.package)
    if package is None:
        return EXIT_INVALID
    try:
        source_id, archived, line, verdict = add_source(
            package, Path(args.file), args.url, args.published, args.title, args.publisher, args.language,
            args.id, args.notes, args.topic)
    except AuthorError as exc:
        print(f"dipevents source add: {visible(exc)}", file=sys.stderr)
        return EXIT_INVALID
    print(f"archived {archived.relative_to(package.root)} and added {source_id} to "
          f"{package.resources['sources'].path} at line {line}")
    _after_write(verdict)
    return EXIT_VALID


def cmd_date(args) -> int:
    import re
    from datetime import date

    from .datewords import describe, interpret

    words = " ".join(args.words)
    try:
        published = date.fromisoformat(args.published) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", args.published) else None
    except ValueError:
        published = None
    if published is None:
        print(f"dipevents date: --published {args.published!r} is not a date YYYY-MM-DD", file=sys.stderr)
        return EXIT_USAGE
    if not re.fullmatch(r"[a-z]{2}", args.language):
        print(f"dipevents date: --language {args.language!r} is not an ISO 639-1 code such as en", file=sys.stderr)
        return EXIT_USAGE
    meaning = interpret(words, published, args.language)
    if meaning is None:
        print(f"dipevents date: {words!r} is not a phrase the checker understands (language {args.language}); "
              "the validator lists such dates as unchecked (DE305): check them by hand", file=sys.stderr)
        return EXIT_INVALID
    sys.stdout.write(describe(words, meaning, args.language))
    return EXIT_VALID


COMMANDS = {"validate": cmd_validate, "site": cmd_site, "build": cmd_build, "diff": cmd_diff, "fmt": cmd_fmt, "new": cmd_new, "source": cmd_source,
            "set": cmd_set, "actors": cmd_actors, "date": cmd_date}


def _writes(args):
    """The package folder the command writes (it runs under the package's lock), or None."""
    from pathlib import Path

    from .loader import locate

    if args.command in ("build", "site", "fmt") and not getattr(args, "check", False):
        return locate(args.path)[0]
    if (args.command == "new" and args.append) or args.command == "set" or (
            args.command == "source" and args.action == "add"):
        return locate(Path(args.package))[0]
    return None


def _interrupt(signum, frame):
    raise KeyboardInterrupt  # SIGTERM cleans up like Ctrl-C: temporary files and folders are removed


def main(argv: list[str] | None = None) -> int:
    import contextlib
    import signal

    args = _parser().parse_args(argv)
    from .limits import PACKAGE_MB_ENV, PATTERN_RUN_ENV, TABLE_MB_ENV, table_mb_setting

    for setting, unit in ((TABLE_MB_ENV, "megabytes"), (PACKAGE_MB_ENV, "megabytes"), (PATTERN_RUN_ENV, "seconds")):
        if table_mb_setting(os.environ.get(setting)) is None:
            print(f"dipevents: {setting} must be a whole number of {unit} (1 or more), "
                  f"not {visible(repr(os.environ[setting]))}", file=sys.stderr)
            return EXIT_USAGE
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (an embedding program): leave its signals alone
        previous = None
    try:
        root = _writes(args)
        if root is None:
            return COMMANDS[args.command](args)
        from .lock import LockError, package_lock
        from .paths import UnsafePath

        try:
            with package_lock(root) if root.is_dir() else contextlib.nullcontext():
                return COMMANDS[args.command](args)
        except (LockError, UnsafePath) as exc:
            print(f"dipevents {args.command}: {visible(exc)}", file=sys.stderr)
            return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for users
        print(f"dipevents: internal error: {type(exc).__name__}: {visible(exc)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
