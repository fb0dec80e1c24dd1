"""Summarise `rasa test nlu` on the held-out split: accuracy, macro-F1, per intent, worst five."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(report_dir: str) -> int:
    report = json.loads((Path(report_dir) / "intent_report.json").read_text(encoding="utf-8"))
    skip = {"accuracy", "macro avg", "weighted avg", "micro avg"}
    intents = {k: v for k, v in report.items() if k not in skip and isinstance(v, dict)}
    print(
        f"NLU on the held-out split ({sum(int(v['support']) for v in intents.values())} examples)"
    )
    print(f"  accuracy  {report['accuracy']:.3f}")
    print(f"  macro-F1  {report['macro avg']['f1-score']:.3f}   (aim: at least 0.92)")
    print(f"  {'intent':<26} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>4}")
    for name, values in sorted(intents.items()):
        print(
            f"  {name:<26} {values['precision']:>9.3f} {values['recall']:>7.3f}"
            f" {values['f1-score']:>6.3f} {int(values['support']):>4}"
        )
    worst = sorted(intents.items(), key=lambda item: item[1]["f1-score"])[:5]
    print("  worst five: " + ", ".join(f"{n} ({v['f1-score']:.2f})" for n, v in worst))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
