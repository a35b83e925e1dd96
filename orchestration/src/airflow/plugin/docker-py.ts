/** Python source of `voyager_airflow/docker.py`: the operators that run a step as a local Docker container. */
export const DOCKER_PY = String.raw`"""VoyagerAssetOperator and VoyagerDbtOperator for local Airflow (dev/): one step as a Docker container.

Same command as on ECS. The image is voyager-<image>:dev (built by dev/docker-compose.yml),
the container joins the compose network, mounts the shared landing volume and receives the
worker's VOYAGER_* and STRAVA_* environment variables.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

from airflow.providers.docker.operators.docker import DockerOperator
from docker.types import Mount

from voyager_airflow.partitions import record_asset_events
from voyager_airflow.settings import image_suffix, setting

LANDING_PATH = "/var/lib/voyager/landing"


def forwarded_environment(prefixes: str) -> dict[str, str]:
    """The worker's environment variables whose names start with one of the comma-separated prefixes."""
    wanted = tuple(p.strip() for p in prefixes.split(",") if p.strip())
    return {k: v for k, v in sorted(os.environ.items()) if k.startswith(wanted)}


class VoyagerAssetOperator(DockerOperator):
    """Materializes asset_keys by running command in the local image of voyager_image.

    cpu (1024 = 1 vCPU) and memory_mib limit the container when set.
    """

    ui_color = "#dbeafe"

    def __init__(
        self,
        *,
        asset_keys: Sequence[str],
        voyager_image: str,
        command: Sequence[str],
        cpu: int | None = None,
        memory_mib: int | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_remove", "success")
        kwargs.setdefault("mount_tmp_dir", False)
        kwargs.setdefault("do_xcom_push", False)
        if cpu is not None:
            kwargs.setdefault("cpus", cpu / 1024)
        if memory_mib is not None:
            kwargs.setdefault("mem_limit", f"{memory_mib}m")
        super().__init__(image=f"voyager-{voyager_image}:dev", command=list(command), **kwargs)
        self.asset_keys = list(asset_keys)
        self.voyager_image = voyager_image

    def execute(self, context: Any) -> Any:
        image = self.voyager_image
        self.image = setting(f"voyager_docker_image_{image_suffix(image)}", default=f"voyager-{image}:dev")
        self.docker_url = setting("voyager_docker_url", default="unix://var/run/docker.sock")
        self.network_mode = setting("voyager_docker_network", default="voyager-dev")
        volume = setting("voyager_docker_landing_volume", default="voyager-dev_landing")
        self.mounts = [Mount(source=volume, target=LANDING_PATH, type="volume")]
        environment = forwarded_environment(setting("voyager_docker_env_prefixes", default="VOYAGER_,STRAVA_"))
        environment.setdefault("VOYAGER_LANDING_URL", LANDING_PATH)
        self.environment = {**environment, **(getattr(self, "environment", None) or {})}
        self.log.info("Voyager step in %s: %s", self.image, " ".join(str(a) for a in self.command))
        result = super().execute(context)
        record_asset_events(context, self.outlets, self.command)
        return result


class VoyagerDbtOperator(VoyagerAssetOperator):
    """VoyagerAssetOperator for the dbt image: one dbt model, or a whole dbt folder (group:<folder>)."""

    ui_color = "#ffedd5"

    def __init__(self, *, voyager_image: str = "dbt", **kwargs: Any) -> None:
        super().__init__(voyager_image=voyager_image, **kwargs)
`;
