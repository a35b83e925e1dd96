"""What every Voyager operator shares: the step command of its run and the asset events it records."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from voyager_airflow.compat import AirflowFailException
from voyager_airflow.partitions import TimePartitions, record_asset_events, run_partition, with_partition

#: Task instance states of an upstream task that failed (or did not run because one did).
FAILED_STATES = ("failed", "upstream_failed")

#: Variables a subprocess or container always gets besides the forwarded prefixes.
BASE_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR")


def forwarded_environment(
    prefixes: Iterable[str], names: Iterable[str] = (), environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The worker's variables whose names start with one of prefixes or equal one of names, sorted."""
    source = os.environ if environ is None else environ
    wanted = tuple(p for p in prefixes if p)
    exact = set(names)
    return {k: v for k, v in sorted(source.items()) if k.startswith(wanted) or k in exact}


def upstream_states(context: Mapping[str, Any]) -> dict[str, str]:
    """The states of the current task's upstream task instances in this DAG run, by task id."""
    ti, task = context["ti"], context.get("task")
    upstream = sorted(getattr(task, "upstream_task_ids", None) or [])
    if not upstream:
        return {}
    get_task_states = getattr(ti, "get_task_states", None)
    if get_task_states is not None:  # Airflow 3 Task SDK: {run_id: {task_id: state}}
        found = get_task_states(dag_id=ti.dag_id, task_ids=upstream, run_ids=[ti.run_id])
        states = found.get(ti.run_id, found)
    else:  # Airflow 2: the worker reads the metadata database
        states = {t.task_id: t.state for t in context["dag_run"].get_task_instances()}
    return {k: str(getattr(v, "value", v)) for k, v in states.items() if k in upstream}


class VoyagerStepMixin:
    """The Voyager arguments of an operator and the step flow every target shares.

    asset_keys: the assets the task materializes (its outlets); voyager_image: the image name of
    definitions.ts; command: the step command without --partition (Jinja-templated run id and
    try number); partitions: the asset's time partitions, whose key the task computes when it
    runs (static partition keys are in the command already); env_prefixes and env_names: which
    of the worker's variables the step gets (the image's declared prefixes and names).

    Each target's VoyagerDbtOperator keeps its own two-line __init__: Airflow's operator metaclass
    wraps only an __init__ that a class body defines, so it cannot come from a mixin.
    """

    asset_keys: list[str]
    voyager_image: str
    step_partitions: TimePartitions | None
    env_prefixes: list[str]
    env_names: list[str]

    def init_step(
        self,
        asset_keys: Sequence[str],
        voyager_image: str,
        partitions: TimePartitions | None,
        env_prefixes: Sequence[str] = (),
        env_names: Sequence[str] = (),
    ) -> None:
        """Keeps the Voyager arguments on the operator.

        No env_prefixes on ECS: there the task definition, not the worker, gives the variables.
        """
        self.asset_keys = list(asset_keys)
        self.voyager_image = voyager_image
        self.step_partitions = partitions
        self.env_prefixes = list(env_prefixes)
        self.env_names = list(env_names)

    def step_environment(self, base_names: Iterable[str] = ()) -> dict[str, str]:
        """The worker's variables the step gets: its prefixes, its names and base_names, sorted."""
        return forwarded_environment(self.env_prefixes, [*base_names, *self.env_names])

    def step_command(self, context: Mapping[str, Any], command: Iterable[Any]) -> list[str]:
        """The rendered command with the run's partition key (``--partition``) when the asset has one."""
        if self.step_partitions is None:
            return [str(a) for a in command]
        key, origin = run_partition(context, self.step_partitions)
        log = getattr(self, "log", None)
        if log is not None:
            log.info("Partition %s, from %s", key, origin)
        return with_partition(command, key)

    def fail_if_an_asset_task_failed(self, context: Mapping[str, Any]) -> None:
        """For the finish task: fail the DAG run when an asset task failed.

        The finish task is the DAG's only leaf, so its state decides the DAG run's. ``finish-run``
        judges the Voyager run from its asset events, but a step that fails before it records one
        (a usage error, a container that never started) leaves none: without this check such a
        DAG run would end as a success. Raises AirflowFailException (no retry: the run stays
        failed until its failed tasks are cleared) naming the failed tasks.
        """
        failed = sorted(t for t, state in upstream_states(context).items() if state in FAILED_STATES)
        if failed:
            raise AirflowFailException(f"asset tasks of this DAG run failed: {', '.join(failed)}")

    def record_step_events(
        self, context: Mapping[str, Any], outlets: Iterable[Any], command: Iterable[Any]
    ) -> None:
        """Puts the step's partition and run id on its outlets' asset events."""
        record_asset_events(context, outlets, command)

    def finish_step(self, context: Mapping[str, Any], command: Iterable[Any]) -> None:
        """After a step that succeeded: records its asset events on the task's outlets.

        For the finish task (no asset keys, ``voyager__finish_run``), also fails the DAG run when
        an asset task failed (see fail_if_an_asset_task_failed).
        """
        self.record_step_events(context, getattr(self, "outlets", ()), command)
        if not self.asset_keys:
            self.fail_if_an_asset_task_failed(context)
