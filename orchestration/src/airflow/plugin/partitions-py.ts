/** Python source of `voyager_airflow/partitions.py`: partition keys across asset-triggered DAGs. */
export const PARTITIONS_PY = String.raw`"""Partition keys of Voyager steps in Airflow.

Cron DAGs take the partition from the data interval ({{ ds }}). Asset-triggered and manual DAGs
have no data interval in Airflow 3, so their commands call the voyager_partition macro, which
reads the partition that the upstream task recorded on its asset event.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone as utc_zone
from typing import Any, Iterable, Mapping
from zoneinfo import ZoneInfo

PARTITION_EXTRA = "voyager_partition"
RUN_ID_EXTRA = "voyager_run_id"


class PartitionKeyError(ValueError):
    """A partition key that this run cannot take: malformed, of the wrong kind, or ambiguous."""


DAILY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HOURLY = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:00$")


def partition_key_of_kind(key: str, kind: str, origin: str) -> str:
    """key as a key of the asset's partitions kind, or PartitionKeyError.

    An hourly key names its day for a daily asset (its date part: the two partitions definitions
    are taken to share a time zone); a daily key cannot name one hour, so an hourly asset refuses it.
    """
    if kind == "hourly":
        if HOURLY.match(key):
            return key
        raise PartitionKeyError(f"{origin} gives partition {key!r}, but the asset has hourly partitions (YYYY-MM-DDTHH:00)")
    if DAILY.match(key):
        return key
    if HOURLY.match(key):
        return key[:10]
    raise PartitionKeyError(f"{origin} gives partition {key!r}, but the asset has daily partitions (YYYY-MM-DD)")


def voyager_partition(dag_run: Any, triggering_events: Mapping[Any, Iterable[Any]] | None, kind: str, timezone: str = "UTC") -> str:
    """The partition key for a run that has no data interval.

    In order: dag_run.conf["partition"] (a manual trigger), the one partition recorded on the
    triggering asset events, else the last complete daily or hourly window before the run in the
    partitions' time zone. Keys are checked against kind (an hourly key becomes its day for a daily
    asset). Raises PartitionKeyError when the events carry more than one distinct partition: a run
    materializes one partition, so taking one of them would silently skip the others.
    """
    conf = getattr(dag_run, "conf", None) or {}
    if conf.get("partition"):
        return partition_key_of_kind(str(conf["partition"]), kind, 'dag_run.conf["partition"]')
    keys = set()
    for uri, events in (triggering_events or {}).items():
        for event in events:
            extra = getattr(event, "extra", None) or {}
            if extra.get(PARTITION_EXTRA):
                keys.add(partition_key_of_kind(str(extra[PARTITION_EXTRA]), kind, f"an asset event of {uri}"))
    if len(keys) > 1:
        listed = ", ".join(sorted(keys))
        raise PartitionKeyError(
            f"the triggering asset events carry {len(keys)} partitions ({listed}) and a run materializes one; "
            'trigger this DAG once per partition with conf {"partition": "<key>"}'
        )
    if keys:
        return keys.pop()
    moment = getattr(dag_run, "run_after", None) or getattr(dag_run, "logical_date", None) or datetime.now(utc_zone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=utc_zone.utc)
    local = moment.astimezone(ZoneInfo(timezone))
    if kind == "hourly":
        return (local - timedelta(hours=1)).strftime("%Y-%m-%dT%H:00")
    return (local - timedelta(days=1)).strftime("%Y-%m-%d")


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
    extra = {RUN_ID_EXTRA: flag_value(command, "--run-id")}
    partition = flag_value(command, "--partition")
    if partition is not None:
        extra[PARTITION_EXTRA] = partition
    for outlet in outlets:
        outlet_events[outlet].extra = dict(extra)
`;
