"""Start the whole stack: Rasa server, action server and API. Used by `make run` and the tests.

Standard library only, so it runs with any Python 3.10+. Ctrl-C (or SIGTERM) stops every process
it started. Readiness means: the action server answers /health, Rasa answers /status with a
loaded model, and the API answers /api/v1/health with 200.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
# Read by the API's settings (api/settings.py, SECRETS_DIR): one file per setting.
SECRETS_DIR = VAR / "secrets"
# For a stack driven by one local client that plays many residents (the tests, `make bench-load`):
# every request comes from 127.0.0.1, so the per-address abuse limits would stop the client itself.
NO_ADDRESS_LIMITS = {
    "RONDKOMEN_SESSIONS_PER_HOUR": "0",
    "RONDKOMEN_MESSAGES_PER_MINUTE": "0",
    "RONDKOMEN_HANDOFF_ACTIONS_PER_MINUTE": "0",
}
# Rasa and the action server (both Sanic) keep idle connections open longer than Rasa's pause
# while it loads a published model (PUT /model blocks its event loop for seconds). With Sanic's
# default of 5 s, the action server closed the pooled connection just as Rasa reused it after the
# pause, and that message went unanswered (tests/e2e/test_publish_e2e.py). docker-compose.yml and
# deploy/k8s set the same (tests/deploy).
SANIC_KEEP_ALIVE = {"SANIC_KEEP_ALIVE_TIMEOUT": "120"}


def _fernet_key() -> str:
    """A Fernet key (url-safe base64 of 32 random bytes), without needing cryptography here."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


LOCAL_SECRETS = {
    "rondkomen_secret_key": lambda: secrets.token_urlsafe(48),
    "rondkomen_callback_phone_key": _fernet_key,
    # For tools such as `make user`; a started stack gets fresh values in its environment.
    "rondkomen_rasa_token": lambda: secrets.token_urlsafe(32),
    "rondkomen_rasa_channel_secret": lambda: secrets.token_urlsafe(32),
}


def ensure_local_secrets(directory: Path = SECRETS_DIR) -> None:
    """Generate this installation's own keys on first use (folder 0700, files 0600).

    They are kept: call-back numbers encrypted with the key must stay readable next time.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)
    for name, make in LOCAL_SECRETS.items():
        path = directory / name
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(make() + "\n")
        path.chmod(0o600)


def _get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


@dataclass
class Stack:
    """The three processes of the stack, on the given local ports.

    Scaled out (tests/scale): ``more_rasa_ports`` starts more Rasa servers (named rasa-2, ...)
    and ``more_api_workers`` more API workers (api-2, ...), each with its own additions to the
    environment (its list of Rasa servers, say); with several Rasa servers, give ``endpoints``
    that keep trackers and locks in Redis (bot/endpoints.redis.yml).
    """

    api_port: int = 8000
    rasa_port: int = 5005
    action_port: int = 5055
    database_url: str | None = None
    model: Path = VAR / "models" / "current.tar.gz"
    log_dir: Path = VAR / "log"
    extra_env: dict[str, str] = field(default_factory=dict)
    endpoints: str = "bot/endpoints.yml"
    more_rasa_ports: list[int] = field(default_factory=list)
    more_api_workers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # Rasa's HTTP API token and its input channel's secret: new for every start, given to the
    # processes in their environment only (never on a command line).
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    channel_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def rasa_ports(self) -> dict[str, int]:
        """Every Rasa server by process name: rasa, rasa-2, ..."""
        more = {f"rasa-{n}": port for n, port in enumerate(self.more_rasa_ports, start=2)}
        return {"rasa": self.rasa_port, **more}

    @property
    def api_ports(self) -> dict[str, int]:
        """Every API worker by process name: api, api-2, ..."""
        more = {f"api-{n}": port for n, (port, _) in enumerate(self.more_api_workers, start=2)}
        return {"api": self.api_port, **more}

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "PYTHONPATH": str(ROOT),
                "RASA_TELEMETRY_ENABLED": "false",
                "TF_CPP_MIN_LOG_LEVEL": "2",
                "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.action_port}/webhook",
                "RONDKOMEN_RASA_URL": f"http://127.0.0.1:{self.rasa_port}",
                "RONDKOMEN_RASA_TOKEN": self.token,
                "RONDKOMEN_RASA_CHANNEL_SECRET": self.channel_secret,
                # The action server (Sanic) listens on this address; Rasa gets --interface.
                "SANIC_HOST": "127.0.0.1",
                **SANIC_KEEP_ALIVE,
                "RONDKOMEN_ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}",
            }
        )
        if self.database_url:
            env["RONDKOMEN_DATABASE_URL"] = self.database_url
        env.update(self.extra_env)
        return env

    def _spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self._env(), **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self) -> None:
        rasa_bin = ROOT / ".venv-rasa" / "bin"
        api_bin = ROOT / ".venv-api" / "bin"
        if not self.model.exists():
            raise SystemExit(f"no trained model at {self.model}; run `make train` first")
        ensure_local_secrets()
        self._spawn(
            "actions",
            [
                str(rasa_bin / "rasa"),
                "run",
                "actions",
                "--actions",
                "actions",
                "--port",
                str(self.action_port),
            ],
        )
        for name, port in self.rasa_ports.items():
            self._spawn(
                name,
                [
                    # bot/serve.py: `rasa run --enable-api` with the token from the environment.
                    str(rasa_bin / "python"),
                    "-m",
                    "bot.serve",
                    "--model",
                    str(self.model.resolve()),
                    "--endpoints",
                    self.endpoints,
                    "--credentials",
                    "bot/credentials.yml",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
            )
        worker_env = [{}, *(env for _, env in self.more_api_workers)]
        for (name, port), env in zip(self.api_ports.items(), worker_env, strict=True):
            self._spawn(
                name,
                [
                    str(api_bin / "uvicorn"),
                    "api.main:create_app",
                    "--factory",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-access-log",
                ],
                env,
            )

    def _rasa_ready(self, port: int) -> bool:
        status, body = _get(f"http://127.0.0.1:{port}/status?token={self.token}")
        return status == 200 and bool(json.loads(body or b"{}").get("model_id"))

    def ready(self) -> dict[str, bool]:
        rasa = {name: self._rasa_ready(port) for name, port in self.rasa_ports.items()}
        actions_ok = _get(f"http://127.0.0.1:{self.action_port}/health")[0] == 200
        api = {
            name: _get(f"http://127.0.0.1:{port}/api/v1/health")[0] == 200
            for name, port in self.api_ports.items()
        }
        return {**rasa, "actions": actions_ok, **api}

    def wait_ready(self, timeout: float = 180.0) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{name} stopped with code {process.returncode}; "
                        f"see {self.log_dir / (name + '.log')}"
                    )
            if all(self.ready().values()):
                return time.monotonic() - started
            time.sleep(0.5)
        raise TimeoutError(f"stack not ready after {timeout:.0f} s: {self.ready()}")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description="Start Rasa, the action server and the API.")
    parser.add_argument("--api-port", type=int, default=8000)
    parser.add_argument(
        "--init-secrets", action="store_true", help="only generate var/secrets/ (for `make user`)"
    )
    args = parser.parse_args()
    if args.init_secrets:
        ensure_local_secrets()
        return 0
    # The editors' published version (docs/editing-answers.md): its texts and, after a restart,
    # its model; before the first publish the repository's files and the trained model.
    live = VAR / "content" / "live"
    stack = Stack(
        api_port=args.api_port,
        model=live / "model.tar.gz" if (live / "model.tar.gz").exists() else Stack.model,
        extra_env={"RONDKOMEN_CONTENT_DIR": str(live)},
    )

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)  # also when started in the background (SIGINT ignored)
    started = time.monotonic()
    try:
        stack.start()
        print("==> starting Rasa, the action server and the API (logs in var/log/) ...", flush=True)
        stack.wait_ready()
        print(
            f"\nRondkomen is ready after {time.monotonic() - started:.0f} s:"
            f" http://localhost:{args.api_port}/\n"
            f"API documentation: http://localhost:{args.api_port}/docs\n"
            "Stop with Ctrl-C.\n",
            flush=True,
        )
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        stopped = [n for n, p in stack.processes.items() if p.poll() is not None]
        print(f"ERROR: {', '.join(stopped)} stopped; see var/log/", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n==> stopping ...", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
