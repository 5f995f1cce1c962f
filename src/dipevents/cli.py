"""The ``dipevents`` command: a thin layer over the package's modules."""

from __future__ import annotations

import argparse
import sys

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dipevents", description="Tools for the Diplomatic Events data package.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the package and print every error with file, line and hint")
    v.add_argument("path", nargs="?", default=".", help="package folder or its datapackage.json (default: .)")
    v.add_argument("--format", choices=["text", "json", "github"], default="text", help="output format")
    s = sub.add_parser("site", help="validate the package, then build the documentation site")
    s.add_argument("path", nargs="?", default=".", help="package folder with mkdocs.yml (default: .)")
    s.add_argument("--out", default=None, help="output folder (default: PATH/site)")
    return parser


def cmd_validate(args) -> int:
    from .report import RENDERERS
    from .validate import run

    result = run(args.path)
    sys.stdout.write(RENDERERS[args.format](result.errors, result.summary()))
    return EXIT_VALID if result.valid else EXIT_INVALID


def cmd_site(args) -> int:
    import time
    from pathlib import Path

    from .report import render_text
    from .site.build import build_site
    from .validate import run

    root = Path(args.path)
    result = run(root)
    if not result.valid:
        sys.stdout.write(render_text(result.errors, result.summary()))
        print("The site was not built: fix the errors above first.")
        return EXIT_INVALID
    out = Path(args.out) if args.out else root / "site"
    started = time.perf_counter()
    code, log = build_site(root, out)
    if code:
        sys.stdout.write(log)
        print("The site build failed (see above).")
        return EXIT_INVALID
    pages = sum(1 for _ in out.rglob("index.html"))
    print(f"Site built in {out} ({pages} pages) in {time.perf_counter() - started:.1f} s.")
    return EXIT_VALID


COMMANDS = {"validate": cmd_validate, "site": cmd_site}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for users
        print(f"dipevents: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
