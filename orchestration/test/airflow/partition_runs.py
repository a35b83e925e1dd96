"""Runs the partition test DAGs on real Airflow 3 (dag.test) as the scheduler would, and reports.

Usage: AIRFLOW_HOME=<tmp> AIRFLOW__CORE__DAGS_FOLDER=<bundle>/dags <python> partition_runs.py <bundle>
After ``airflow db migrate``. The bundle (``--target process``) holds ``parts_daily`` (cron, a
daily asset) and ``parts_assets`` (scheduled on that asset, a daily asset downstream). Each
scenario is one real DAG run through ``DAG.test``; Airflow's own ``get_or_create_dagrun`` is
swapped for one that creates the run a scenario needs (a scheduled run with the interval the
timetable gives, a run without logical date, an asset-triggered run consuming the events the
scheduled run recorded), because ``DAG.test`` alone only makes manual runs with a logical date.
The tasks' commands log their argv (the partition included) to VOYAGER_TEST_STEP_LOG. The last
stdout line is ``VOYAGER_REPORT <json>``: per scenario the run, the step commands and the asset
events.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import airflow.models.dagrun as dagrun_module
from airflow.dag_processing.dagbag import BundleDagBag
from airflow.models.asset import AssetEvent, AssetModel
from airflow.serialization.encoders import coerce_to_core_timetable
from airflow.timetables.base import DataInterval, TimeRestriction
from airflow.utils.session import create_session
from airflow.utils.state import DagRunState
from airflow.utils.types import DagRunTriggeredByType, DagRunType
from sqlalchemy import select

ORIGINAL = dagrun_module.get_or_create_dagrun
RUN_AFTER = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def creating(run_type: DagRunType, **fields: Any) -> Callable[..., Any]:
    """A get_or_create_dagrun that creates a run of run_type with fields in place of DAG.test's."""

    def create(*, dag: Any, session: Any, **given: Any) -> Any:
        consumed = fields.pop("consumed", [])
        args = {**given, **fields}
        run_id = dagrun_module.DagRun.generate_run_id(
            run_type=run_type, logical_date=args["logical_date"], run_after=args["run_after"]
        )
        run = dag.create_dagrun(
            run_id=run_id,
            logical_date=args["logical_date"],
            data_interval=args["data_interval"],
            run_after=args["run_after"],
            conf=args["conf"],
            run_type=run_type,
            state=DagRunState.RUNNING,
            triggered_by=DagRunTriggeredByType.TIMETABLE
            if run_type != DagRunType.MANUAL
            else DagRunTriggeredByType.TEST,
            start_date=args["start_date"],
            session=session,
        )
        if consumed:
            run.consumed_asset_events.extend(session.merge(e) for e in consumed)
            session.commit()
        return run

    return create


def read_steps(log: Path) -> list[list[str]]:
    """The argv of every step command run since the last call (then clears the log)."""
    if not log.exists():
        return []
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    log.unlink()
    return lines


def events_of(uri: str) -> list[AssetEvent]:
    """The asset events of uri, oldest first."""
    with create_session() as session:
        asset = session.scalar(select(AssetModel).where(AssetModel.uri == uri))
        if asset is None:
            return []
        events = list(session.scalars(select(AssetEvent).where(AssetEvent.asset_id == asset.id)))
        session.expunge_all()
        return sorted(events, key=lambda e: e.id)


def event_json(event: AssetEvent) -> dict[str, Any]:
    """What a test compares of an asset event."""
    return {"extra": event.extra, "partition_key": getattr(event, "partition_key", None)}


def run(dag: Any, log: Path, name: str, **test_args: Any) -> dict[str, Any]:
    """One DAG run through DAG.test; its state, dates and the step commands it ran."""
    run_ = dag.test(**test_args)
    return {
        "scenario": name,
        "dag_id": dag.dag_id,
        "state": str(run_.state),
        "run_type": str(run_.run_type),
        "run_id": run_.run_id,
        "logical_date": run_.logical_date.isoformat() if run_.logical_date else None,
        "data_interval_start": run_.data_interval_start.isoformat() if run_.data_interval_start else None,
        "steps": read_steps(log),
    }


def main(bundle: Path) -> None:
    """Runs every scenario and prints the report."""
    log = Path(os.environ["VOYAGER_TEST_STEP_LOG"])
    folder = bundle / "dags"
    bag = BundleDagBag(dag_folder=str(folder), bundle_path=folder)
    if bag.import_errors:
        raise SystemExit(f"import errors: {bag.import_errors}")
    daily, triggered = bag.dags["parts_daily"], bag.dags["parts_assets"]
    results = []

    # The run the scheduler creates at 2026-11-21T05:00 after the one of the day before.
    timetable = coerce_to_core_timetable(daily.timetable)
    info = timetable.next_dagrun_info(
        last_automated_data_interval=DataInterval(
            datetime(2026, 11, 19, 5, tzinfo=UTC), datetime(2026, 11, 20, 5, tzinfo=UTC)
        ),
        restriction=TimeRestriction(earliest=None, latest=None, catchup=True),
    )
    dagrun_module.get_or_create_dagrun = creating(
        DagRunType.SCHEDULED,
        logical_date=info.logical_date,
        data_interval=info.data_interval,
        run_after=info.run_after,
    )
    results.append(run(daily, log, "scheduled", logical_date=info.logical_date))
    scheduled_events = events_of("voyager://landing/parts/daily")
    results[-1]["events"] = [event_json(e) for e in scheduled_events]

    # A manual run without a logical date (Airflow 3): no data interval at all.
    dagrun_module.get_or_create_dagrun = ORIGINAL
    results.append(run(daily, log, "manual without logical date", logical_date=None, run_after=RUN_AFTER))

    # A manual run with a partition in its conf. (Airflow 3.2+ gives a run a partition_key only in
    # partitioned Dags: create_dagrun refuses one here, DagNotPartitionedError.)
    results.append(
        run(
            daily,
            log,
            "manual with conf",
            logical_date=None,
            run_after=RUN_AFTER,
            run_conf={"partition": "2026-01-15"},
        )
    )

    # The asset-triggered run the scheduled run's event queues: no logical date, the event's partition.
    dagrun_module.get_or_create_dagrun = creating(
        DagRunType.ASSET_TRIGGERED, logical_date=None, data_interval=None, consumed=scheduled_events[-1:]
    )
    results.append(run(triggered, log, "asset-triggered", logical_date=None, run_after=RUN_AFTER))
    dagrun_module.get_or_create_dagrun = ORIGINAL
    print("VOYAGER_REPORT " + json.dumps(results, default=str))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
