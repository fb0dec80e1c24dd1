"""The Rasa steps of a publish, each a subprocess in the Rasa environment.

The API never imports Rasa (different Python environments). Commands run from the repository,
so Rasa's training cache (``.rasa/cache``) is shared with ``make train``: a change to texts only
reuses the trained NLU and dialogue parts and is quick. The rules, stories and held-out split
come from the repository; the domain and the examples from the build. (The rules step runs in the
API itself: api/content/rules.py.)
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from pathlib import Path

from api.texts import text

MODEL_NAME = "model"
# Lines of a failing command's output shown to the editor: the ones that say what is wrong.
_TELLING = ("error", "warning", "wrongprediction", "failed", "exception")


class StepFailed(Exception):
    """A publish step failed; ``str()`` is the Dutch message for the editor."""


@dataclass(frozen=True)
class Toolchain:
    repository: Path
    rasa_python: Path

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "PYTHONPATH": str(self.repository),
                "RASA_TELEMETRY_ENABLED": "false",
                "TF_CPP_MIN_LOG_LEVEL": "2",
            }
        )
        return env

    @property
    def config(self) -> str:
        """The Rasa config `make setup` chose (real spaCy model or the offline pipeline)."""
        chosen = self.repository / "var" / "nlp" / "rasa-config"
        return chosen.read_text(encoding="utf-8").strip() if chosen.exists() else "bot/config.yml"

    async def _run(self, step: str, argv: list[str], log: Path) -> str:
        """Run ``argv``; on failure the message ``publish_<step>_failed`` (api/texts.nl.yml)."""
        log.parent.mkdir(parents=True, exist_ok=True)
        process = await asyncio.create_subprocess_exec(
            *argv,
            cwd=self.repository,
            env=self.environment(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await process.communicate()
        output = out.decode("utf-8", errors="replace")
        log.write_text(output, encoding="utf-8")
        if process.returncode != 0:
            telling = [
                line.strip()
                for line in output.splitlines()
                if any(word in line.lower() for word in _TELLING) and "tensorflow" not in line
            ]
            detail = "\n".join(telling[-12:]) or output.strip()[-1500:]
            raise StepFailed(text(f"publish_{step}_failed", log=log) + "\n" + detail)
        return output

    def _rasa(self, *args: str) -> list[str]:
        return [str(self.rasa_python), "-m", "rasa", *args]

    def serve_argv(self, model: Path, port: int, token: str) -> list[str]:
        """A Rasa server for ``model`` on 127.0.0.1 with only its HTTP API (for /model/parse)."""
        return self._rasa(
            "run",
            "--enable-api",
            "--model",
            str(model),
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            f"--auth-token={token}",
        )

    def _data(self, build: Path) -> list[str]:
        return [
            "--config",
            self.config,
            "--domain",
            str(build / "bot" / "domain"),
            "--data",
            str(self.repository / "bot" / "data"),
            str(build / "nlu_data"),
        ]

    async def validate(self, build: Path) -> None:
        argv = self._rasa("data", "validate", "--fail-on-warnings", *self._data(build))
        output = await self._run("validate", argv, build / "logs" / "validate.log")
        warnings = [line.strip() for line in output.splitlines() if "UserWarning" in line]
        if warnings:
            raise StepFailed(text("publish_validate_warnings") + "\n" + "\n".join(warnings))

    async def train(self, build: Path) -> Path:
        argv = self._rasa(
            "train",
            *self._data(build),
            "--out",
            str(build),
            "--fixed-model-name",
            MODEL_NAME,
        )
        await self._run("train", argv, build / "logs" / "train.log")
        return build / f"{MODEL_NAME}.tar.gz"

    async def conversation_tests(self, build: Path, model: Path) -> None:
        argv = self._rasa(
            "test",
            "core",
            "--stories",
            str(self.repository / "tests" / "conversations"),
            "--model",
            str(model),
            "--out",
            str(build / "conversation-tests"),
            "--fail-on-prediction-errors",
        )
        await self._run("conversations", argv, build / "logs" / "conversations.log")

    async def heldout_accuracy(self, build: Path, model: Path, name: str) -> float:
        """Intent accuracy (0..1) of ``model`` on the held-out split tests/nlu/heldout.yml."""
        out = build / f"nlu-{name}"
        argv = self._rasa(
            "test",
            "nlu",
            "--nlu",
            str(self.repository / "tests" / "nlu" / "heldout.yml"),
            "--model",
            str(model),
            "--out",
            str(out),
        )
        await self._run("accuracy", argv, build / "logs" / f"{name}.log")
        report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
        return float(report["accuracy"])
