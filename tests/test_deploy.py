"""The deployment files as a municipal platform team applies them, checked offline.

Every manifest in ``deploy/kubernetes`` is validated strictly against the Kubernetes JSON
schemas that ``kubernetes-validate`` bundles (no cluster, no network: a misspelt or
misplaced field fails). Then what a schema cannot see, because it is about how the files
fit together: the probes ask Streamlit's health endpoint on the port the container
listens on, the Service selects the Deployment's pods, the Ingress reaches the Service,
each viewer stays on one replica (cookie affinity, long websocket timeouts), nothing runs
as root, and the Containerfile agrees with the manifests (user, port, health path).

Each check returns the problems it finds; the last test breaks the files one way at a time
and shows that the checks notice.
"""

from __future__ import annotations

import copy
import re
import socket
from collections.abc import Callable
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFESTS = ROOT / "deploy" / "kubernetes"
CONTAINERFILE = ROOT / "deploy" / "Containerfile"
IGNORE_FILE = ROOT / ".dockerignore"
HEALTH = "/_stcore/health"
#: The port the image's CMD gives Streamlit.
PORT = 8501
#: The oldest Kubernetes release a municipal platform may still run, and the newest the
#: bundled schemas know.
VERSIONS = ("1.30", kubernetes_validate.latest_version())
#: At least this long (seconds) the ingress keeps a quiet websocket open: a viewer reads a
#: page while the presenter talks.
WEBSOCKET_SECONDS = 3600
AFFINITY = "nginx.ingress.kubernetes.io/"

Files = dict[str, dict]
"""Kind → manifest (one of each kind), as parsed."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every test here runs without a network: a connection attempt fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a test of the deployment files tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def manifest_paths() -> list[Path]:
    """The Kubernetes objects (the kustomization lists them, it is not one)."""
    return sorted(p for p in MANIFESTS.glob("*.yaml") if p.name != "kustomization.yaml")


def load() -> Files:
    files = {}
    for path in manifest_paths():
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            assert document["kind"] not in files, f"two objects of kind {document['kind']}"
            files[document["kind"]] = document
    return files


def instructions(text: str) -> list[tuple[str, str]]:
    """A Containerfile as (INSTRUCTION, arguments): comment lines dropped (also inside an
    instruction, as the builders do), then continuation lines joined."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = "\n".join(lines).replace("\\\n", " ")
    found = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


# --- helpers: the parts of the files the checks compare -----------------------------------------


def pod(files: Files) -> dict:
    return files["Deployment"]["spec"]["template"]


def container(files: Files) -> dict:
    (only,) = pod(files)["spec"]["containers"]
    return only


def container_port(files: Files, port: int | str) -> int | None:
    """The container port a probe or Service names, by number or by name (None: none)."""
    for entry in container(files).get("ports", []):
        if port in (entry["containerPort"], entry.get("name")):
            return entry["containerPort"]
    return None


def selects(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(key) == value for key, value in selector.items())


# --- the checks ---------------------------------------------------------------------------------


def schema_problems(files: Files) -> list[str]:
    problems = []
    for kind, document in files.items():
        for version in VERSIONS:
            try:
                kubernetes_validate.validate(document, version, strict=True)
            except kubernetes_validate.ValidationError as error:
                place = ".".join(str(p) for p in error.path)
                problems.append(f"{kind} (Kubernetes {version}) {place}: {error.message}")
    return problems


def probe_problems(files: Files) -> list[str]:
    problems = []
    box = container(files)
    for name in ("startupProbe", "readinessProbe", "livenessProbe"):
        probe = box.get(name)
        if probe is None:
            if name != "startupProbe":
                problems.append(f"no {name}")
            continue
        http = probe.get("httpGet", {})
        if http.get("path") != HEALTH:
            problems.append(f"{name} asks {http.get('path')!r}, not {HEALTH}")
        if container_port(files, http.get("port")) != PORT:
            problems.append(f"{name} port {http.get('port')!r} is not Streamlit's {PORT}")
    return problems


def wiring_problems(files: Files) -> list[str]:
    """Deployment → pods ← Service ← Ingress (and the disruption budget on the same pods)."""
    problems = []
    labels = pod(files)["metadata"]["labels"]
    deployment, service, ingress = files["Deployment"], files["Service"], files["Ingress"]
    if deployment["spec"]["replicas"] != 2:
        problems.append(f"{deployment['spec']['replicas']} replicas, not 2")
    if not selects(deployment["spec"]["selector"]["matchLabels"], labels):
        problems.append("the Deployment's selector does not match its own pods")
    if not selects(service["spec"]["selector"], labels):
        problems.append("the Service does not select the Deployment's pods")
    if not selects(files["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"], labels):
        problems.append("the PodDisruptionBudget does not select the Deployment's pods")
    for port in service["spec"]["ports"]:
        if container_port(files, port["targetPort"]) is None:
            problems.append(f"the Service sends to {port['targetPort']!r}, not a container port")
    service_ports = {p["port"] for p in service["spec"]["ports"]}
    service_ports |= {p["name"] for p in service["spec"]["ports"] if "name" in p}
    for rule in ingress["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            if backend["name"] != service["metadata"]["name"]:
                problems.append(f"the Ingress sends to service {backend['name']!r}")
            port = backend["port"].get("number", backend["port"].get("name"))
            if port not in service_ports:
                problems.append(f"the Ingress sends to port {port!r}, not one of the Service's")
    return problems


def affinity_problems(files: Files) -> list[str]:
    """Each viewer on one replica, also its websocket; a new replica when its own fails."""
    notes = files["Ingress"]["metadata"].get("annotations", {})
    expected = {
        "affinity": "cookie",
        "affinity-mode": "persistent",
        "session-cookie-change-on-failure": "true",
    }
    problems = [
        f"annotation {AFFINITY}{key} is {notes.get(AFFINITY + key)!r}, not {value!r}"
        for key, value in expected.items()
        if notes.get(AFFINITY + key) != value
    ]
    if not notes.get(AFFINITY + "session-cookie-name"):
        problems.append("no session cookie name")
    for key in ("proxy-read-timeout", "proxy-send-timeout"):
        seconds = notes.get(AFFINITY + key, "60")  # ingress-nginx's default: 60 s
        if not seconds.isdigit() or int(seconds) < WEBSOCKET_SECONDS:
            problems.append(f"{key} {seconds} s closes a reading viewer's websocket")
    return problems


def security_problems(files: Files) -> list[str]:
    spec, box = pod(files)["spec"], container(files)
    context = {**spec.get("securityContext", {}), **box.get("securityContext", {})}
    problems = []
    if context.get("runAsNonRoot") is not True:
        problems.append("runAsNonRoot is not set")
    if context.get("runAsUser", 0) == 0:
        problems.append("no non-root runAsUser")
    if context.get("allowPrivilegeEscalation") is not False:
        problems.append("privilege escalation allowed")
    if context.get("capabilities", {}).get("drop") != ["ALL"]:
        problems.append("capabilities not dropped")
    if context.get("readOnlyRootFilesystem") is not True:
        problems.append("the root filesystem is writable")
    mounts = {m["mountPath"]: m["name"] for m in box.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    if "emptyDir" not in volumes.get(mounts.get("/tmp"), {}):
        problems.append("no writable /tmp (the Excel download needs one)")
    resources = box.get("resources", {})
    for kind in ("cpu", "memory"):
        if kind not in resources.get("requests", {}) or kind not in resources.get("limits", {}):
            problems.append(f"no {kind} request and limit")
    return problems


def image_problems(files: Files, containerfile: str, ignored: str) -> list[str]:
    """The Containerfile agrees with the manifests; the build context leaves out the rest."""
    steps = instructions(containerfile)
    last = {word: rest for word, rest in steps}  # the last of each instruction counts
    problems = []
    user = last.get("USER", "root").split(":")[0]
    run_as = pod(files)["spec"].get("securityContext", {}).get("runAsUser")
    if not user.isdigit() or int(user) == 0:
        problems.append(f"the image runs as {user!r}, not a numeric non-root user")
    elif int(user) != run_as:
        problems.append(f"the image's user {user} is not the pod's runAsUser {run_as}")
    health = re.search(r"http://127\.0\.0\.1:(\d+)(/[\w/]+)", last.get("HEALTHCHECK", ""))
    if health is None or health[2] != HEALTH:
        problems.append("the HEALTHCHECK does not ask Streamlit's health endpoint")
    elif int(health[1]) != container_port(files, "http"):
        problems.append(f"the HEALTHCHECK asks port {health[1]}, the pod listens elsewhere")
    if last.get("EXPOSE") != str(container_port(files, "http")):
        problems.append(f"the image exposes {last.get('EXPOSE')}, not the container port")
    command = last.get("CMD", "")
    flags = (
        f'"--server.port", "{PORT}"',
        '"--server.address", "0.0.0.0"',
        '"--client.toolbarMode", "viewer"',
    )
    for flag in flags:
        if flag not in command:
            problems.append(f"the CMD lacks {flag}")
    if not last.get("FROM", "").endswith("python:3.11-slim"):
        problems.append("not built on python:3.11-slim")
    if any(word == "RUN" and "[test]" in rest for word, rest in steps):
        problems.append("the image installs the test extra")
    if ("COPY", "data/extracts/ data/extracts/") not in steps:
        problems.append("the shipped extracts are not in the image")
    left_out = {line.strip() for line in ignored.splitlines()}
    for folder in (".venv", "tests", "docs", ".git"):
        if folder not in left_out:
            problems.append(f".dockerignore does not leave out {folder}")
    return problems


# --- the tests ----------------------------------------------------------------------------------


def test_every_manifest_is_valid_kubernetes():
    files = load()
    assert set(files) == {"Deployment", "Service", "Ingress", "PodDisruptionBudget"}
    assert schema_problems(files) == []


def test_the_probes_ask_the_health_endpoint_on_the_container_port():
    assert probe_problems(load()) == []


def test_the_ingress_reaches_the_service_and_the_service_the_pods():
    assert wiring_problems(load()) == []


def test_a_viewer_stays_on_one_replica():
    assert affinity_problems(load()) == []


def test_nothing_runs_as_root_and_only_tmp_is_writable():
    assert security_problems(load()) == []


def test_the_image_agrees_with_the_manifests():
    containerfile = CONTAINERFILE.read_text(encoding="utf-8")
    ignored = IGNORE_FILE.read_text(encoding="utf-8")
    assert image_problems(load(), containerfile, ignored) == []


def test_the_kustomization_applies_every_manifest_with_the_deployments_image():
    kustomization = yaml.safe_load((MANIFESTS / "kustomization.yaml").read_text(encoding="utf-8"))
    assert sorted(kustomization["resources"]) == [p.name for p in manifest_paths()]
    image = container(load())["image"].rsplit(":", 1)[0]
    assert [entry["name"] for entry in kustomization["images"]] == [image]


def _set(path: tuple, value) -> Callable[[Files], None]:
    """A change to one field: the path from the kind down (list positions as numbers);
    ``None`` removes the field."""

    def change(files: Files) -> None:
        node = files
        for key in path[:-1]:
            node = node[key]
        if value is None:
            del node[path[-1]]
        else:
            node[path[-1]] = value

    return change


CONTAINER = ("Deployment", "spec", "template", "spec", "containers", 0)
POD_CONTEXT = ("Deployment", "spec", "template", "spec", "securityContext")
BACKEND = ("Ingress", "spec", "rules", 0, "http", "paths", 0, "backend", "service")
ANNOTATIONS = ("Ingress", "metadata", "annotations")

#: One way to break the files at a time, and the check that must notice it.
BREAKAGES = {
    "misspelt probe field": (schema_problems, _set((*CONTAINER, "livenesProbe"), {})),
    "replicas as text": (schema_problems, _set(("Deployment", "spec", "replicas"), "twee")),
    "probe on the wrong path": (
        probe_problems, _set((*CONTAINER, "readinessProbe", "httpGet", "path"), "/healthz")
    ),
    "probe on the wrong port": (
        probe_problems, _set((*CONTAINER, "livenessProbe", "httpGet", "port"), 8080)
    ),
    "no readiness probe": (probe_problems, _set((*CONTAINER, "readinessProbe"), None)),
    "service selects other pods": (
        wiring_problems, _set(("Service", "spec", "selector"), {"app.kubernetes.io/name": "iets"})
    ),
    "service to a port nobody listens on": (
        wiring_problems, _set(("Service", "spec", "ports", 0, "targetPort"), 9999)
    ),
    "ingress to another service": (
        wiring_problems,
        _set((*BACKEND, "name"), "dashboard"),
    ),
    "ingress to a port the service lacks": (
        wiring_problems,
        _set((*BACKEND, "port"), {"number": 8501}),
    ),
    "no cookie affinity": (affinity_problems, _set((*ANNOTATIONS, f"{AFFINITY}affinity"), None)),
    "short websocket timeout": (
        affinity_problems, _set((*ANNOTATIONS, f"{AFFINITY}proxy-read-timeout"), "60")
    ),
    "may run as root": (
        security_problems, _set((*POD_CONTEXT, "runAsNonRoot"), False)
    ),
    "no writable /tmp": (security_problems, _set((*CONTAINER, "volumeMounts"), [])),
    "pod user differs from the image's": (
        image_problems, _set((*POD_CONTEXT, "runAsUser"), 1000)
    ),
}  # fmt: skip

#: Ways to break the Containerfile or .dockerignore: (old, new) in that file's text.
IMAGE_BREAKAGES = {
    "image runs as root": ("Containerfile", "USER 10001:10001", "USER root"),
    "health check on another path": ("Containerfile", "8501/_stcore/health", "8501/healthz"),
    "listens on loopback only": ("Containerfile", '"0.0.0.0"', '"127.0.0.1"'),
    "streamlit on another port": (
        "Containerfile",
        '"--server.port", "8501"',
        '"--server.port", "80"',
    ),
    "installs the test extra": ("Containerfile", "RUN pip install .", 'RUN pip install ".[test]"'),
    "ships the tests": (".dockerignore", "\ntests\n", "\n"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_the_checks_see_a_broken_manifest(name):
    check, change = BREAKAGES[name]
    files = copy.deepcopy(load())
    texts = (CONTAINERFILE.read_text(encoding="utf-8"), IGNORE_FILE.read_text(encoding="utf-8"))
    before = check(files, *texts) if check is image_problems else check(files)
    change(files)
    after = check(files, *texts) if check is image_problems else check(files)
    assert before == [] and after != []


@pytest.mark.parametrize("name", IMAGE_BREAKAGES)
def test_the_checks_see_a_broken_image(name):
    which, old, new = IMAGE_BREAKAGES[name]
    texts = {
        "Containerfile": CONTAINERFILE.read_text(encoding="utf-8"),
        ".dockerignore": IGNORE_FILE.read_text(encoding="utf-8"),
    }
    assert old in texts[which]
    texts[which] = texts[which].replace(old, new)
    assert image_problems(load(), texts["Containerfile"], texts[".dockerignore"]) != []
