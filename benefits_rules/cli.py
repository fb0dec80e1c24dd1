"""Command line: ``python -m benefits_rules check FILE|-`` (``--batch`` for a JSON list) and
``python -m benefits_rules validate`` (check the rule files).

Exit codes: 0 results printed; 2 invalid input (one line on stderr naming the field);
1 broken rule data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .engine import evaluate
from .errors import InvalidHousehold, RuleDataError, UnknownScheme
from .explain import explain
from .loader import read_rules

EXIT_OK, EXIT_RULES, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benefits_rules")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="evaluate a household given as JSON")
    check.add_argument("file", help="JSON file, or - for standard input")
    check.add_argument("--batch", action="store_true", help="the JSON is a list of households")
    check.add_argument("--schemes", help="comma-separated scheme keys (default: all)")
    check.add_argument("--explain", action="store_true", help="print the Dutch text instead")
    check.add_argument("--rules-dir", type=Path, help="rule data folder (default: packaged)")
    validate = sub.add_parser("validate", help="check every rule file")
    validate.add_argument("--rules-dir", type=Path)
    return parser


def _read_json(name: str, stdin: TextIO) -> Any:
    text = stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    return json.loads(text)


def _check(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    try:
        data = _read_json(args.file, stdin)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=stderr)
        return EXIT_INPUT
    except json.JSONDecodeError as exc:
        print(f"error: invalid JSON at line {exc.lineno}: {exc.msg}", file=stderr)
        return EXIT_INPUT
    schemes = [s.strip() for s in args.schemes.split(",")] if args.schemes else None
    if args.batch and not isinstance(data, list):
        print("error: --batch expects a JSON list of households", file=stderr)
        return EXIT_INPUT
    items = data if args.batch else [data]
    outputs: list[Any] = []
    for index, item in enumerate(items):
        prefix = f"household[{index}]." if args.batch else ""
        try:
            evaluation = evaluate(item, schemes, args.rules_dir)
        except InvalidHousehold as exc:
            print(f"error: invalid household: {prefix}{exc}", file=stderr)
            return EXIT_INPUT
        except UnknownScheme as exc:
            print(f"error: --schemes: {exc}", file=stderr)
            return EXIT_INPUT
        outputs.append(
            explain(evaluation, args.rules_dir) if args.explain else evaluation.to_dict()
        )
    if args.explain:
        stdout.write("\n\n".join(str(o) for o in outputs) + "\n")
    else:
        json.dump(outputs if args.batch else outputs[0], stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            from .loader import DEFAULT_RULES_DIR

            book = read_rules(args.rules_dir or DEFAULT_RULES_DIR)
            count = sum(len(r.versions) for r in book.national.values()) + sum(
                len(r.versions) for m in book.municipalities.values() for r in m.schemes.values()
            )
            print(
                f"ok: {count} period files, {len(book.municipalities)} municipalities", file=stdout
            )
            return EXIT_OK
        return _check(args, stdin, stdout, stderr)
    except RuleDataError as exc:
        print(f"error: rule data: {exc}", file=stderr)
        return EXIT_RULES
