/** Python source of `voyager_airflow/settings.py`: where operators read the infrastructure's outputs. */
export const SETTINGS_PY = String.raw`"""Settings of the Voyager operators: Airflow Variables first, then the environment.

The infrastructure stack (iac/) writes its outputs as Airflow Variables (or MWAA environment
variables): voyager_ecs_cluster, voyager_subnets, voyager_security_groups,
voyager_task_family_<image>, voyager_log_group_<image>. They are read when a task runs, never
when the DAG file is parsed, so parsing stays fast and needs no metadata database.
"""

from __future__ import annotations

import os

from airflow.exceptions import AirflowException

try:  # Airflow 3
    from airflow.sdk import Variable
except ImportError:  # Airflow 2
    from airflow.models import Variable


def environment_name(name: str) -> str:
    """The environment variable read when the Airflow Variable is missing: voyager_ecs_cluster -> VOYAGER_ECS_CLUSTER."""
    return name.upper().replace("-", "_")


def setting(name: str, default: str | None = None) -> str:
    """The Airflow Variable name (AIRFLOW_VAR_<NAME> included), else the environment variable, else default.

    Raises AirflowException naming both places when none is set and there is no default.
    """
    value = None
    try:
        value = Variable.get(name, None)
    except Exception:  # a missing Variable raises on some Airflow versions despite the default
        value = None
    if value is None or value == "":
        value = os.environ.get(environment_name(name))
    if value is None or value == "":
        value = default
    if value is None or value == "":
        raise AirflowException(
            f"Airflow Variable {name} (or environment variable {environment_name(name)}) is not set; "
            "it comes from the infrastructure outputs, see the README of the DAG bundle"
        )
    return str(value)


def setting_list(name: str) -> list[str]:
    """A comma-separated setting as a list, blanks dropped (subnets, security groups)."""
    return [item.strip() for item in setting(name).split(",") if item.strip()]
`;
