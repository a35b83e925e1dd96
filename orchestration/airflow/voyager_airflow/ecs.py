"""VoyagerAssetOperator and VoyagerDbtOperator: one Voyager step as an ECS Fargate task (MWAA).

The container runs the exact command that ``voyager materialize`` runs in local process
isolation. The cluster, task definition family, subnets, security groups and log group come
from the infrastructure outputs (see settings.py). The container name is passed to the
operator, so it never sleeps 10-40 s after RunTask to discover it from DescribeTasks, and the
CloudWatch stream ``<prefix>/<container>/<task id>`` shows in the Airflow task log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airflow.providers.amazon.aws.operators.ecs import EcsRunTaskOperator

from voyager_airflow.partitions import TimePartitions
from voyager_airflow.settings import image_suffix, optional_setting, setting, setting_list
from voyager_airflow.step import VoyagerStepMixin


class VoyagerAssetOperator(VoyagerStepMixin, EcsRunTaskOperator):
    """Materializes asset_keys by running command in the task definition of voyager_image.

    cpu (1024 = 1 vCPU) and memory_mib override the task definition's Fargate size when set.
    Runs on FARGATE with reattach=True: a retried or restarted task instance finds the ECS task
    it already started instead of starting a second one. run_settings: variables of a run the
    step reads (the image's runSettings, e.g. VOYAGER_TRAINING_AS_OF); each one set (the Airflow
    Variable of its lowercase name, else the worker's variable) goes as a container environment
    override, the task definition's environment being fixed.
    """

    template_fields: Sequence[str] = (*EcsRunTaskOperator.template_fields, "command")
    ui_color = "#dbeafe"

    def __init__(
        self,
        *,
        asset_keys: Sequence[str],
        voyager_image: str,
        command: Sequence[str],
        partitions: TimePartitions | None = None,
        cpu: int | None = None,
        memory_mib: int | None = None,
        run_settings: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("launch_type", "FARGATE")
        kwargs.setdefault("platform_version", "LATEST")
        kwargs.setdefault("reattach", True)
        kwargs.setdefault("do_xcom_push", False)
        # Placeholders: the real values are read from the infrastructure outputs in execute().
        super().__init__(
            task_definition=f"voyager-{voyager_image}", cluster="voyager", overrides={}, **kwargs
        )
        self.init_step(asset_keys, voyager_image, partitions)
        self.command = list(command)
        self.task_cpu = cpu
        self.task_memory_mib = memory_mib
        self.run_settings = list(run_settings)

    def configure(self, context: Any) -> list[str]:
        """Reads the settings and sets what RunTask sends; returns the step command of this run."""
        image = image_suffix(self.voyager_image)
        container = setting(f"voyager_container_name_{image}", default=self.voyager_image)
        region = optional_setting("voyager_aws_region")
        if region is not None:
            self.region_name = region
            self.awslogs_region = region
        self.cluster = setting("voyager_ecs_cluster")
        self.task_definition = setting(f"voyager_task_family_{image}")
        self.container_name = container
        self.network_configuration = {
            "awsvpcConfiguration": {
                "subnets": setting_list("voyager_subnets"),
                "securityGroups": setting_list("voyager_security_groups"),
                "assignPublicIp": setting("voyager_assign_public_ip", default="DISABLED"),
            }
        }
        self.awslogs_group = setting(f"voyager_log_group_{image}")
        # awslogs streams are named <prefix>/<container>/<ecs task id>; the operator takes
        # "<prefix>/<container>" (or "<prefix>" with container_name) and appends the task id.
        self.awslogs_stream_prefix = setting(
            f"voyager_log_stream_prefix_{image}", default=f"{self.voyager_image}/{container}"
        )
        command = self.step_command(context, self.command)
        container_override: dict[str, Any] = {"name": container, "command": command}
        environment = [
            {"name": name, "value": value}
            for name in self.run_settings
            if (value := optional_setting(name.lower())) is not None
        ]
        if environment:
            container_override["environment"] = environment
        overrides: dict[str, Any] = {"containerOverrides": [container_override]}
        if self.task_cpu is not None:
            overrides["cpu"] = str(self.task_cpu)
        if self.task_memory_mib is not None:
            overrides["memory"] = str(self.task_memory_mib)
        self.overrides = overrides
        return command

    def execute(self, context: Any) -> Any:
        """Runs the step as an ECS task and records its asset events."""
        command = self.configure(context)
        self.log.info("Voyager step on ECS %s/%s: %s", self.cluster, self.task_definition, " ".join(command))
        result = super().execute(context)
        self.finish_step(context, command)
        return result


class VoyagerDbtOperator(VoyagerAssetOperator):
    """VoyagerAssetOperator for the dbt image: one dbt model, or a whole dbt folder (group:<folder>)."""

    ui_color = "#ffedd5"

    def __init__(self, *, voyager_image: str = "dbt", **kwargs: Any) -> None:
        super().__init__(voyager_image=voyager_image, **kwargs)
