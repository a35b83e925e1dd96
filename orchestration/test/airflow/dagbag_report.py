"""Loads DAG bundles into real Airflow's DagBag and prints what Airflow made of them, as JSON.

Usage: AIRFLOW__CORE__DAGS_FOLDER=<bundle>/dags <airflow venv>/bin/python dagbag_report.py <bundle>
Run with AIRFLOW_HOME in a temporary folder and AIRFLOW__CORE__LOAD_EXAMPLES=False, one process
per bundle. The DAG folder goes on sys.path as Airflow puts it there when it parses DAGs (3.1+:
BundleDagBag; 3.0: the DAG processor appends the bundle root; 2.x: prepare_syspath_for_dags_folder),
which is how the DAG files find the voyager_airflow package. For the bundle: the import errors,
the files the DagBag parsed (the operator package must not be among them: dags/.airflowignore),
and per DAG its timetable, schedule and tasks with their operator class, Voyager arguments,
retries, trigger rule, outlets and dependencies. Works on Airflow 2.10+
and 3.x. The last stdout line is ``VOYAGER_REPORT <json>`` (Airflow may log to stdout too).
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import airflow


def load(folder: Path) -> Any:
    """A DagBag of folder, without Airflow's example DAGs, the folder on sys.path as Airflow puts it."""
    try:  # Airflow 3.1+: what the DAG processor and `airflow dags test` use
        from airflow.dag_processing.dagbag import BundleDagBag

        return BundleDagBag(dag_folder=str(folder), bundle_path=folder)
    except ImportError:  # Airflow 2 and 3.0
        from airflow.models.dagbag import DagBag

        if str(folder) not in sys.path:
            sys.path.append(str(folder))
        return DagBag(dag_folder=str(folder), include_examples=False)


def seconds(value: Any) -> float | None:
    """A timedelta in seconds, else None."""
    return value.total_seconds() if isinstance(value, timedelta) else None


def uri_of(asset: Any) -> str:
    """The URI of an Asset or Dataset."""
    return str(getattr(asset, "uri", asset))


def leaf_uris(condition: Any) -> list[str]:
    """The URIs of the assets of an asset condition (AssetAll / DatasetAll trees of Asset leaves)."""
    objects = getattr(condition, "objects", None)
    if objects is None:
        return [uri_of(condition)]
    return [uri for child in objects for uri in leaf_uris(child)]


def schedule_of(dag: Any) -> dict[str, Any]:
    """The timetable's class, its cron expression and the assets it waits for."""
    timetable = dag.timetable
    condition = getattr(timetable, "asset_condition", None) or getattr(timetable, "dataset_condition", None)
    assets = sorted(leaf_uris(condition)) if condition is not None else []
    return {
        "timetable": type(timetable).__name__,
        "cron": getattr(timetable, "_expression", None),
        "timezone": str(getattr(timetable, "_timezone", "")) or None,
        "assets": assets,
        "asset_classes": sorted({type(a).__name__ for a in dag.timetable_asset_objects()})
        if hasattr(dag, "timetable_asset_objects")
        else [],
    }


def task_of(task: Any) -> dict[str, Any]:
    """What a test compares of one task."""
    return {
        "task_id": task.task_id,
        "operator": type(task).__name__,
        "module": type(task).__module__,
        "asset_keys": list(getattr(task, "asset_keys", [])),
        "image": getattr(task, "voyager_image", None),
        "command": [str(a) for a in getattr(task, "command", [])],
        "partitions": getattr(task, "step_partitions", None),
        "env_prefixes": list(getattr(task, "env_prefixes", []) or []),
        "env_names": list(getattr(task, "env_names", []) or []),
        "cpu": getattr(task, "task_cpu", None) or getattr(task, "cpu", None),
        "memory_mib": getattr(task, "task_memory_mib", None) or getattr(task, "memory_mib", None),
        "retries": task.retries,
        "retry_delay_seconds": seconds(task.retry_delay),
        "retry_exponential_backoff": bool(task.retry_exponential_backoff),
        "trigger_rule": str(getattr(task.trigger_rule, "value", task.trigger_rule)),
        "outlets": [uri_of(o) for o in task.outlets],
        "outlet_classes": sorted({type(o).__name__ for o in task.outlets}),
        "upstream": sorted(task.upstream_task_ids),
        "downstream": sorted(task.downstream_task_ids),
        "doc_md": task.doc_md,
        "template_fields": list(task.template_fields),
    }


def dag_of(dag: Any, root: Path) -> dict[str, Any]:
    """What a test compares of one DAG; tasks in declaration order."""
    return {
        "dag_id": dag.dag_id,
        "file": str(Path(dag.fileloc).relative_to(root)),
        "description": dag.description,
        "schedule": schedule_of(dag),
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "tags": sorted(dag.tags),
        "start_date": dag.start_date.isoformat() if dag.start_date else None,
        "tasks": [task_of(t) for t in dag.tasks],
    }


def report(bundle: Path) -> dict[str, Any]:
    """Import errors, parsed files and DAGs of one bundle's dags/ folder."""
    folder = bundle / "dags"
    bag = load(folder)
    return {
        "import_errors": {str(Path(k).relative_to(folder)): v for k, v in bag.import_errors.items()},
        "parsed_files": sorted(str(Path(s.file).as_posix()).lstrip("/") for s in bag.dagbag_stats),
        "dags": [dag_of(bag.dags[d], folder) for d in sorted(bag.dags)],
    }


def main(argv: list[str]) -> None:
    """Prints the report of the bundle given on the command line."""
    result = {"airflow_version": airflow.__version__, **report(Path(argv[0]))}
    print("VOYAGER_REPORT " + json.dumps(result, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
