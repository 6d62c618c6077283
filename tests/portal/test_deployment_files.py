"""The production shape in docker-compose.yml restarts what stops, and lets the worker write the
snapshots the web serves."""

from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PORTAL_SERVICES = ("web", "worker", "beat")


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_restarts_after_a_crash():
    services = _compose()["services"]
    assert {name: s.get("restart") for name, s in services.items()} == {
        name: "unless-stopped" for name in services}


def test_the_snapshot_volume_is_shared_and_writable_by_web_worker_and_beat():
    services = _compose()["services"]
    for name in PORTAL_SERVICES:
        service = services[name]
        root = service["environment"]["PUBLIC_DATA_ROOT"]
        assert root != service["environment"]["PUBLIC_DATA_DIR"]
        mounts = [v.split(":") for v in service["volumes"]]
        assert ["snapshots", root] in mounts, name  # named volume, no ":ro"


def test_the_image_gives_the_portal_user_the_snapshot_folder():
    dockerfile = (ROOT / "Dockerfile").read_text()
    root = _compose()["services"]["web"]["environment"]["PUBLIC_DATA_ROOT"]
    assert root in dockerfile.split("chown portal", 1)[1].split("\n")[0]
