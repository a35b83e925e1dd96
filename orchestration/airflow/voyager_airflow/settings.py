"""Settings of the Voyager operators: Airflow Variables first, then the environment.

The infrastructure stack (iac/) writes its outputs as Airflow Variables (or MWAA environment
variables): voyager_ecs_cluster, voyager_subnets, voyager_security_groups,
voyager_task_family_<image>, voyager_log_group_<image> and the optional ones (voyager_aws_region,
voyager_assign_public_ip, voyager_container_name_<image>, voyager_log_stream_prefix_<image>).
They are read when a task runs, never when the DAG file is parsed, so parsing stays fast and
needs no metadata database.
"""

from __future__ import annotations

import json
import os

from voyager_airflow.compat import AirflowException, Variable


def environment_name(name: str) -> str:
    """The environment variable read when the Airflow Variable is missing.

    voyager_ecs_cluster -> VOYAGER_ECS_CLUSTER.
    """
    return name.upper().replace("-", "_")


def _variable(name: str) -> str | None:
    try:
        value = Variable.get(name, None)
    except Exception:  # a missing Variable raises on some Airflow versions despite the default
        return None
    return None if value is None else str(value)


def setting(name: str, default: str | None = None) -> str:
    """The Airflow Variable name (AIRFLOW_VAR_<NAME> included), else <NAME>, else default.

    Raises AirflowException naming both places when none is set and there is no default.
    """
    for value in (_variable(name), os.environ.get(environment_name(name)), default):
        if value is not None and value != "":
            return value
    raise AirflowException(
        f"Airflow Variable {name} (or environment variable {environment_name(name)}) is not set; "
        "it comes from the infrastructure outputs, see the README of the DAG bundle"
    )


def optional_setting(name: str) -> str | None:
    """Like setting(), but None when it is not set anywhere."""
    try:
        return setting(name)
    except AirflowException:
        return None


def setting_list(name: str) -> list[str]:
    """A list setting (subnets, security groups): a JSON array, as iac/ writes it, or comma-separated."""
    value = setting(name).strip()
    items = json.loads(value) if value.startswith("[") else value.split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def image_suffix(image: str) -> str:
    """The image name as it appears in setting names: my-image -> my_image."""
    return image.replace("-", "_")
