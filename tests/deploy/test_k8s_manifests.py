"""The Kubernetes manifests in deploy/k8s/: valid against the Kubernetes schema (offline, with
kubernetes-validate) and holding to what the architecture promises: only the API reachable from
outside, Rasa and the action server internal, probes and resource limits on every container, and
Rasa scaled out on Redis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
MANIFESTS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
KUBERNETES_VERSION = "1.30.0"


def _documents() -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for path in MANIFESTS:
        documents.extend(doc for doc in yaml.safe_load_all(path.read_text()) if doc)
    return documents


DOCUMENTS = _documents()


def _of_kind(*kinds: str) -> list[dict[str, Any]]:
    return [doc for doc in DOCUMENTS if doc["kind"] in kinds]


def _workload(name: str) -> dict[str, Any]:
    [workload] = [w for w in _of_kind("Deployment", "StatefulSet") if w["metadata"]["name"] == name]
    return workload


def _containers(workload: dict[str, Any]) -> list[dict[str, Any]]:
    return list(workload["spec"]["template"]["spec"]["containers"])


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=[f"{d['kind']}/{d['metadata']['name']}" for d in DOCUMENTS]
)
def test_manifest_is_valid_kubernetes(document: dict[str, Any]) -> None:
    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_all_parts_are_there() -> None:
    names = {w["metadata"]["name"] for w in _of_kind("Deployment", "StatefulSet")}
    assert names == {"api", "rasa", "actions", "redis", "postgres"}
    assert all(doc["metadata"].get("namespace") == "rondkomen" for doc in DOCUMENTS[1:])


@pytest.mark.parametrize("name", ["api", "rasa", "actions", "redis", "postgres"])
def test_every_container_has_probes_and_limits(name: str) -> None:
    for container in _containers(_workload(name)):
        assert "readinessProbe" in container, name
        assert "livenessProbe" in container, name
        limits = container["resources"]["limits"]
        assert {"cpu", "memory"} <= set(limits), name
        assert ":" in container["image"], name
        assert not container["image"].endswith(":latest"), name
        assert container["securityContext"]["allowPrivilegeEscalation"] is False, name


def test_api_and_rasa_run_several_replicas() -> None:
    assert _workload("api")["spec"]["replicas"] >= 2
    assert _workload("rasa")["spec"]["replicas"] >= 2
    config = next(d for d in _of_kind("ConfigMap") if d["metadata"]["name"] == "rondkomen-config")
    # Several Rasa servers share trackers and conversation locks through Redis: the image uses
    # bot/endpoints.redis.yml, which reads these.
    assert config["data"]["REDIS_HOST"] == "redis"
    endpoints = yaml.safe_load((ROOT / "bot" / "endpoints.redis.yml").read_text())
    assert endpoints["lock_store"]["type"] == "redis"
    assert "Redis" in endpoints["tracker_store"]["type"]


def test_only_the_api_is_reachable_from_outside() -> None:
    services = _of_kind("Service")
    assert all(s["spec"].get("type", "ClusterIP") == "ClusterIP" for s in services)
    backends = {
        path["backend"]["service"]["name"]
        for ingress in _of_kind("Ingress")
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert backends == {"api"}


def _policy_for(name: str) -> dict[str, Any]:
    [policy] = [
        p
        for p in _of_kind("NetworkPolicy")
        if p["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/name") == name
        and "Ingress" in p["spec"]["policyTypes"]
    ]
    return policy


def _allowed_sources(name: str) -> set[str]:
    return {
        source["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
        for rule in _policy_for(name)["spec"]["ingress"]
        for source in rule.get("from", [])
    }


def test_network_is_closed_by_default() -> None:
    deny = [p for p in _of_kind("NetworkPolicy") if p["spec"]["podSelector"] == {}]
    assert len(deny) == 1
    assert deny[0]["spec"]["policyTypes"] == ["Ingress"]
    assert "ingress" not in deny[0]["spec"]


def test_rasa_and_actions_are_internal_only() -> None:
    assert _allowed_sources("rasa") == {"api"}
    assert _allowed_sources("actions") <= {"rasa", "api"}
    assert _allowed_sources("redis") == {"rasa"}
    assert _allowed_sources("postgres") == {"api"}
