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
    return parser


def cmd_validate(args) -> int:
    from .report import RENDERERS
    from .validate import run

    result = run(args.path)
    sys.stdout.write(RENDERERS[args.format](result.errors, result.summary()))
    return EXIT_VALID if result.valid else EXIT_INVALID


COMMANDS = {"validate": cmd_validate}


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
