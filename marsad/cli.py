"""The `marsad` command. Subcommands live beside their packages (``marsad/<pkg>/cli.py``), each
with ``register(sub)`` and optionally ``register_eval(eval_sub)``; this module only wires them and
turns every MarsadError into one line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import importlib
import sys

from marsad import __version__
from marsad.errors import MarsadError

# Packages that contribute subcommands, in help order.
_COMMAND_MODULES = [
    "marsad.analyze_cli",
    "marsad.corpus.cli",
    "marsad.kb.cli",
    "marsad.entities.cli",
    "marsad.time.cli",
    "marsad.events.cli",
    "marsad.scoring.cli",
    "marsad.web.cli",
    "marsad.scale.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad", description="Arabic news to structured event data: who did what to whom, when and where."
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [importlib.import_module(name) for name in _COMMAND_MODULES]
    for mod in modules:
        mod.register(sub)
    eval_parser = sub.add_parser("eval", help="measure a stage against a gold set")
    eval_sub = eval_parser.add_subparsers(dest="eval_command", metavar="WHAT")
    for mod in modules:
        if hasattr(mod, "register_eval"):
            mod.register_eval(eval_sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        (parser if args.command != "eval" else parser._subparsers._group_actions[0].choices["eval"]).print_help()
        return 2
    try:
        return int(func(args) or 0)
    except MarsadError as exc:
        from marsad.terminal import printable

        print(f"marsad: error: {printable(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
