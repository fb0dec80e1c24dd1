"""Command line: ``python -m benefits_rules check FILE|-`` (``--batch`` for a JSON list) and
``python -m benefits_rules validate`` (check the rule files).

``--compact`` writes no indentation; with ``--batch`` it writes one JSON document: title, sources
and how to apply once per scheme and period (``"periods"``, keyed ``<scheme>/<valid_from>``), then
one line per household (``"households"``), each scheme naming its ``period_ref``.

Exit codes: 0 results printed; 2 invalid input (one line on stderr naming the field), also for
a reference date for which no rules are published; 1 broken rule data. A household without a
reference date is evaluated for today (``"reference_date_given": false`` in the output).
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
from .loader import load_rules, read_rules
from .result import Evaluation

EXIT_OK, EXIT_RULES, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benefits_rules")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="evaluate a household given as JSON")
    check.add_argument("file", help="JSON file, or - for standard input")
    check.add_argument("--batch", action="store_true", help="the JSON is a list of households")
    check.add_argument("--schemes", help="comma-separated scheme keys (default: all)")
    check.add_argument("--explain", action="store_true", help="print the Dutch text instead")
    check.add_argument(
        "--compact",
        action="store_true",
        help="no indentation; with --batch one line per household and the sources once per "
        "scheme and period",
    )
    check.add_argument("--rules-dir", type=Path, help="rule data folder (default: packaged)")
    validate = sub.add_parser("validate", help="check every rule file")
    validate.add_argument("--rules-dir", type=Path)
    return parser


def _read_json(name: str, stdin: TextIO) -> Any:
    text = stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    return json.loads(text)


def _load_input(name: str, stdin: TextIO, stderr: TextIO) -> tuple[bool, Any]:
    """(True, data) or (False, None) after one line on stderr: never a traceback."""
    try:
        return True, _read_json(name, stdin)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {name}: {exc}", file=stderr)
    except json.JSONDecodeError as exc:
        print(f"error: invalid JSON at line {exc.lineno}: {exc.msg}", file=stderr)
    except RecursionError:
        print("error: invalid JSON: nested too deeply", file=stderr)
    except ValueError as exc:  # an integer with thousands of digits (int_max_str_digits)
        problem = "a number has too many digits" if "digits" in str(exc) else str(exc)[:120]
        print(f"error: invalid JSON: {problem}", file=stderr)
    return False, None


def _compact_batch(evaluations: list[Evaluation], stdout: TextIO) -> None:
    """One JSON document: what is the same for every household - title, sources and how to
    apply - once per scheme and period under ``"periods"``, then one line per household under
    ``"households"`` whose schemes name their ``period_ref``."""
    periods: dict[str, dict[str, Any]] = {}
    lines = []
    for evaluation in evaluations:
        item = evaluation.to_dict(sources=False)
        for result in evaluation.results:
            scheme = item["schemes"][result.scheme]
            if result.rules_period is None:
                scheme["period_ref"] = None
                continue
            ref = f"{result.scheme}/{result.rules_period[0].isoformat()}"
            scheme["period_ref"] = ref
            block = periods.get(ref)
            if block is None:
                block = periods[ref] = {
                    "title": scheme["title"],
                    "sources": [],
                    "how_to_apply": scheme["how_to_apply"],
                }
            del scheme["title"], scheme["how_to_apply"]
            listed = block["sources"]
            for source in result.sources:  # the norms' sources may differ within one period
                entry = {"title": source.title, "url": source.url}
                if entry not in listed:
                    listed.append(entry)
        lines.append(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
    stdout.write('{"periods":')
    stdout.write(json.dumps(periods, ensure_ascii=False, separators=(",", ":")))
    stdout.write(',\n"households":[\n')
    stdout.write(",\n".join(lines))
    stdout.write("\n]}\n")


def _check(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    ok, data = _load_input(args.file, stdin, stderr)
    if not ok:
        return EXIT_INPUT
    schemes = [s.strip() for s in args.schemes.split(",")] if args.schemes else None
    if args.batch and not isinstance(data, list):
        print("error: --batch expects a JSON list of households", file=stderr)
        return EXIT_INPUT
    items = data if args.batch else [data]
    evaluations: list[Evaluation] = []
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
        if not evaluation.has_rules:
            day = evaluation.reference_date
            text = load_rules(args.rules_dir).common.get(
                "no_rules_for_date", date=day.strftime("%d-%m-%Y")
            )
            print(f"error: {prefix}reference_date: {day.isoformat()}: {text}", file=stderr)
            return EXIT_INPUT
        evaluations.append(evaluation)
    if args.explain:
        texts = [explain(evaluation, args.rules_dir) for evaluation in evaluations]
        stdout.write("\n\n".join(texts) + "\n")
    elif args.compact and args.batch:
        _compact_batch(evaluations, stdout)
    else:
        dicts = [evaluation.to_dict() for evaluation in evaluations]
        indent = None if args.compact else 2
        separators = (",", ":") if args.compact else None
        # one write: json.dump would write every token separately
        text = json.dumps(
            dicts if args.batch else dicts[0],
            ensure_ascii=False,
            indent=indent,
            separators=separators,
        )
        stdout.write(text + "\n")
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
