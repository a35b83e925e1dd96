"""The partition key of a Voyager step, computed when the task runs.

Never from ``{{ ds }}``: in Airflow 3 a manual or asset-triggered run may have no logical date,
and a manual run's logical date is not the interval its timetable infers. In order:

1. ``dag_run.conf["partition"]`` (a manual trigger or a backfill by hand);
2. the run's own partition key (``context["partition_key"]``, Airflow 3.2 and later);
3. the one partition the triggering asset events carry (asset-triggered DAGs);
4. cron DAGs: the partition holding the start of the run's data interval, or, for a run without
   one (Airflow 3 manual runs without a logical date), of the interval the DAG's timetable infers
   for ``run_after``;
5. else the last complete daily or hourly window before ``run_after``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypedDict
from zoneinfo import ZoneInfo

PARTITION_EXTRA = "voyager_partition"
RUN_ID_EXTRA = "voyager_run_id"

DAILY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HOURLY = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:00$")


class TimePartitions(TypedDict):
    """What a DAG file passes as ``partitions=``: the asset's time partitions and its DAG's trigger."""

    kind: Literal["daily", "hourly"]
    timezone: str
    #: "schedule": a cron DAG (data interval); "trigger": an asset-triggered or manual-only DAG.
    source: Literal["schedule", "trigger"]


class PartitionKeyError(ValueError):
    """A partition key that this run cannot take: malformed, of the wrong kind, or ambiguous."""


def partition_key_of_kind(key: str, kind: str, origin: str) -> str:
    """key as a key of the asset's partitions kind, or PartitionKeyError.

    An hourly key names its day for a daily asset (its date part: the two partitions definitions
    are taken to share a time zone); a daily key cannot name one hour, so an hourly asset refuses it.
    """
    if kind == "hourly":
        if HOURLY.match(key):
            return key
        raise PartitionKeyError(
            f"{origin} gives partition {key!r}, but the asset has hourly partitions (YYYY-MM-DDTHH:00)"
        )
    if DAILY.match(key):
        return key
    if HOURLY.match(key):
        return key[:10]
    raise PartitionKeyError(
        f"{origin} gives partition {key!r}, but the asset has daily partitions (YYYY-MM-DD)"
    )


def window_key(moment: datetime, kind: str, timezone: str) -> str:
    """The key of the daily or hourly window, in timezone, that holds moment."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo(timezone))
    return local.strftime("%Y-%m-%dT%H:00" if kind == "hourly" else "%Y-%m-%d")


def last_complete_window(moment: datetime, kind: str, timezone: str) -> str:
    """The key of the last daily or hourly window, in timezone, that ended at or before moment."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo(timezone))
    step = timedelta(hours=1) if kind == "hourly" else timedelta(days=1)
    return window_key(local - step, kind, timezone)


def event_partitions(triggering_events: Mapping[Any, Iterable[Any]] | None, kind: str) -> set[str]:
    """The partition keys of the triggering asset events (Airflow's partition_key, else our extra)."""
    keys: set[str] = set()
    for uri, events in (triggering_events or {}).items():
        for event in events:
            extra = getattr(event, "extra", None) or {}
            key = getattr(event, "partition_key", None) or extra.get(PARTITION_EXTRA)
            if key:
                keys.add(partition_key_of_kind(str(key), kind, f"an asset event of {uri}"))
    return keys


def _inferred_interval_start(context: Mapping[str, Any], run_after: datetime) -> datetime | None:
    timetable = getattr(context.get("dag"), "timetable", None)
    infer = getattr(timetable, "infer_manual_data_interval", None)
    if infer is None:
        return None
    try:
        return infer(run_after=run_after).start
    except Exception:  # an SDK-side timetable without the core logic: fall back to the window
        return None


def run_partition(context: Mapping[str, Any], partitions: TimePartitions) -> tuple[str, str]:
    """(partition key, where it came from) for this task's run; see the module docstring.

    Raises PartitionKeyError for a key of the wrong kind, or when the triggering events carry more
    than one partition: a run materializes one, so taking one of them would skip the others.
    """
    kind, timezone = partitions["kind"], partitions["timezone"]
    dag_run = context.get("dag_run")
    conf = getattr(dag_run, "conf", None) or {}
    if conf.get("partition"):
        origin = 'dag_run.conf["partition"]'
        return partition_key_of_kind(str(conf["partition"]), kind, origin), origin
    if context.get("partition_key"):
        origin = "the run's partition key"
        return partition_key_of_kind(str(context["partition_key"]), kind, origin), origin
    keys = event_partitions(
        context.get("triggering_asset_events") or context.get("triggering_dataset_events"), kind
    )
    if len(keys) > 1:
        listed = ", ".join(sorted(keys))
        raise PartitionKeyError(
            f"the triggering asset events carry {len(keys)} partitions ({listed}) and a run materializes "
            'one; trigger this DAG once per partition with conf {"partition": "<key>"}'
        )
    if keys:
        return keys.pop(), "the triggering asset events"
    run_after = (
        getattr(dag_run, "run_after", None)
        or context.get("logical_date")
        or getattr(dag_run, "logical_date", None)
        or datetime.now(UTC)
    )
    if partitions["source"] == "schedule":
        start = context.get("data_interval_start")
        end = context.get("data_interval_end")
        if start is not None and end is not None and end > start:
            return window_key(start, kind, timezone), "the data interval"
        inferred = _inferred_interval_start(context, run_after)
        if inferred is not None:
            return window_key(inferred, kind, timezone), "the interval the timetable infers for run_after"
    return last_complete_window(run_after, kind, timezone), "the last complete window before run_after"


def with_partition(command: Iterable[Any], partition: str | None) -> list[str]:
    """The step command with ``--partition <key>`` after the asset selection (before ``--run-id``)."""
    args = [str(a) for a in command]
    if partition is None:
        return args
    at = args.index("--run-id") if "--run-id" in args else len(args)
    return [*args[:at], "--partition", partition, *args[at:]]


def flag_value(command: Iterable[Any], flag: str) -> str | None:
    """The argument after flag in a rendered step command, or None."""
    args = [str(a) for a in command]
    for index, arg in enumerate(args[:-1]):
        if arg == flag:
            return args[index + 1]
    return None


def record_asset_events(context: Mapping[str, Any], outlets: Iterable[Any], command: Iterable[Any]) -> None:
    """Puts the step's partition and run id on the asset events of its outlets, for downstream DAGs."""
    outlet_events = context.get("outlet_events")
    if outlet_events is None:
        return
    extra: dict[str, str | None] = {RUN_ID_EXTRA: flag_value(command, "--run-id")}
    partition = flag_value(command, "--partition")
    if partition is not None:
        extra[PARTITION_EXTRA] = partition
    for outlet in outlets:
        outlet_events[outlet].extra = dict(extra)
