"""VoyagerAssetOperator and VoyagerDbtOperator for local Airflow (dev/): one step as a Docker container.

Same command as on ECS. The image is voyager-<image>:dev (built by dev/docker-compose.yml), the
container joins the compose network, mounts the shared landing volume and receives the worker's
``VOYAGER_*`` variables and those of its image's declared prefixes (``env_prefixes``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airflow.providers.docker.operators.docker import DockerOperator
from docker.types import Mount

from voyager_airflow.partitions import TimePartitions
from voyager_airflow.settings import image_suffix, setting
from voyager_airflow.step import VoyagerStepMixin

LANDING_PATH = "/var/lib/voyager/landing"


class VoyagerAssetOperator(VoyagerStepMixin, DockerOperator):
    """Materializes asset_keys by running command in the local image of voyager_image.

    cpu (1024 = 1 vCPU) and memory_mib limit the container when set; env_prefixes and env_names
    say which of the worker's variables the container gets.
    """

    ui_color = "#dbeafe"

    def __init__(
        self,
        *,
        asset_keys: Sequence[str],
        voyager_image: str,
        command: Sequence[str],
        partitions: TimePartitions | None = None,
        env_prefixes: Sequence[str] = ("VOYAGER_",),
        env_names: Sequence[str] = (),
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
        self.init_step(asset_keys, voyager_image, partitions, env_prefixes, env_names)

    def configure(self, context: Any) -> list[str]:
        """Reads the settings and sets the container's image, network, mount and environment."""
        image = self.voyager_image
        self.image = setting(f"voyager_docker_image_{image_suffix(image)}", default=f"voyager-{image}:dev")
        self.docker_url = setting("voyager_docker_url", default="unix://var/run/docker.sock")
        self.network_mode = setting("voyager_docker_network", default="voyager-dev")
        volume = setting("voyager_docker_landing_volume", default="voyager-dev_landing")
        self.mounts = [Mount(source=volume, target=LANDING_PATH, type="volume")]
        environment = self.step_environment()
        environment.setdefault("VOYAGER_LANDING_URL", LANDING_PATH)
        self.environment = {**environment, **(self.environment or {})}
        command = self.step_command(context, self.command)
        self.command = command
        return command

    def execute(self, context: Any) -> Any:
        """Runs the step as a container and records its asset events."""
        command = self.configure(context)
        self.log.info("Voyager step in %s: %s", self.image, " ".join(command))
        result = super().execute(context)
        self.finish_step(context, command)
        return result


class VoyagerDbtOperator(VoyagerAssetOperator):
    """VoyagerAssetOperator for the dbt image: one dbt model, or a whole dbt folder (group:<folder>)."""

    ui_color = "#ffedd5"

    def __init__(self, *, voyager_image: str = "dbt", **kwargs: Any) -> None:
        super().__init__(voyager_image=voyager_image, **kwargs)
