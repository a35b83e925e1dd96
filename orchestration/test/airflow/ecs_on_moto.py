"""Runs voyager_airflow.ecs.VoyagerAssetOperator against moto's server (ECS, EC2, CloudWatch Logs).

Usage: AWS_ENDPOINT_URL=<moto> AWS_DEFAULT_REGION=... AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=...
       PYTHONPATH=<bundle>/dags <airflow python> ecs_on_moto.py
The real operator class and the real Amazon provider, with boto3 talking to moto. moto plays the
container: a thread waits for the task, writes its log lines to the CloudWatch stream the task
definition's awslogs configuration names, then stops the task (moto never ends a task by
itself, and leaves its containers PENDING: the provider's exit-code check after the task stopped
is stubbed, recorded instead of run). Scenarios: a run (RunTask with the command override,
the log stream read back, no DescribeTasks polling to find the container), a reattach to the
task an earlier try started, on_kill stopping the task, and a dbt task's run settings sent as
container environment overrides (only those set). The last stdout line is
``VOYAGER_REPORT <json>``.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import airflow.providers.amazon.aws.operators.ecs as provider_ecs
import boto3
from airflow.providers.amazon.aws.utils.identifiers import generate_uuid

from voyager_airflow.ecs import VoyagerAssetOperator, VoyagerDbtOperator

CLUSTER = "voyager-test"
FAMILY = "voyager-extract-test"
LOG_GROUP = "/voyager/test/extract"
COMMAND = ["node", "extract/dist/main.js", "materialize", "landing/strava/activities"]
RUN = ["--run-id", "strava_daily__manual__x", "--attempt", "1"]
LOG_LINES = ["step started", "landed 1132 activities"]
SLEEPS: list[float] = []


def setup() -> dict[str, str]:
    """The cluster, task definition, network and log group the infrastructure would create."""
    ec2 = boto3.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    # as the network stack does; moto's awsvpc task ENIs also need it (private DNS names)
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="voyager-tasks", Description="tasks", VpcId=vpc)["GroupId"]
    ecs = boto3.client("ecs")
    ecs.create_cluster(clusterName=CLUSTER)
    ecs.register_task_definition(
        family=FAMILY,
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        containerDefinitions=[
            {
                "name": "extract",
                "image": "voyager-extract:test",
                "essential": True,
                # moto sums container-level sizes (it fails without them); Fargate reads the task's
                "cpu": 256,
                "memory": 512,
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {"awslogs-group": LOG_GROUP, "awslogs-stream-prefix": "extract"},
                },
            }
        ],
    )
    boto3.client("logs").create_log_group(logGroupName=LOG_GROUP)
    return {
        "VOYAGER_ECS_CLUSTER": CLUSTER,
        "VOYAGER_SUBNETS": json.dumps([subnet]),
        "VOYAGER_SECURITY_GROUPS": group,
        "VOYAGER_TASK_FAMILY_EXTRACT": FAMILY,
        "VOYAGER_LOG_GROUP_EXTRACT": LOG_GROUP,
    }


def stop_task(arn: str) -> None:
    """What ECS does when the essential container exits."""
    boto3.client("ecs").stop_task(cluster=CLUSTER, task=arn, reason="Essential container exited")


def task_arns() -> list[str]:
    """Every task moto holds in the cluster."""
    return boto3.client("ecs").list_tasks(cluster=CLUSTER)["taskArns"]


def play_container(known: set[str], stop: bool = True) -> Callable[[], str]:
    """Starts the thread that plays the container of the next task; returns a getter of its ARN."""
    found: dict[str, str] = {}

    def play() -> None:
        for _ in range(600):
            new = [a for a in task_arns() if a not in known]
            if new:
                found["arn"] = new[0]
                break
            time.sleep(0.05)
        else:
            return
        task_id = found["arn"].rsplit("/", 1)[-1]
        logs = boto3.client("logs")
        stream = f"extract/extract/{task_id}"
        logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName=stream)
        now = int(time.time() * 1000)
        logs.put_log_events(
            logGroupName=LOG_GROUP,
            logStreamName=stream,
            logEvents=[{"timestamp": now + i, "message": m} for i, m in enumerate(LOG_LINES)],
        )
        if stop:
            time.sleep(0.5)
            boto3.client("ecs").stop_task(
                cluster=CLUSTER, task=found["arn"], reason="Essential container exited"
            )

    thread = threading.Thread(target=play, daemon=True)
    thread.start()
    return lambda: (thread.join(60), found.get("arn", ""))[1]


CHECKED: list[dict[str, Any]] = []


def record_stopped_task(self: VoyagerAssetOperator) -> None:
    """Stub of EcsRunTaskOperator._check_success_task: moto's containers never leave PENDING."""
    task = boto3.client("ecs").describe_tasks(cluster=CLUSTER, tasks=[self.arn])["tasks"][0]
    CHECKED.append({"lastStatus": task["lastStatus"], "stoppedReason": task.get("stoppedReason")})


def operator() -> VoyagerAssetOperator:
    """The operator as a generated DAG declares it, with short waits for the emulator."""
    return VoyagerAssetOperator(
        task_id="landing__strava__activities",
        asset_keys=["landing/strava/activities"],
        voyager_image="extract",
        command=[*COMMAND, *RUN],
        aws_conn_id=None,
        waiter_delay=1,
        awslogs_fetch_interval=timedelta(seconds=1),
    )


def context() -> dict[str, Any]:
    """The parts of an Airflow task context the operator reads."""
    ti = SimpleNamespace(
        dag_id="strava_daily", task_id="landing__strava__activities", run_id="manual__x", map_index=-1
    )
    ti.xcom_push = lambda **_: None
    return {"ti": ti, "outlet_events": None}


def describe(arn: str) -> dict[str, Any]:
    """What moto holds of a task."""
    task = boto3.client("ecs").describe_tasks(cluster=CLUSTER, tasks=[arn])["tasks"][0]
    return {
        "lastStatus": task["lastStatus"],
        "stoppedReason": task.get("stoppedReason"),
        "startedBy": task.get("startedBy"),
        "launchType": task.get("launchType"),
        "overrides": task.get("overrides"),
        "subnet": next(d["value"] for d in task["attachments"][0]["details"] if d["name"] == "subnetId"),
    }


def main() -> None:
    """Runs every scenario and prints the report."""
    os.environ.update(setup())
    provider_ecs.sleep = lambda seconds: SLEEPS.append(seconds)  # the container-name discovery backoff
    VoyagerAssetOperator._check_success_task = record_stopped_task  # type: ignore[method-assign]
    report: dict[str, Any] = {"subnets": json.loads(os.environ["VOYAGER_SUBNETS"])}

    # 1. a run: RunTask, the waiter on DescribeTasks, the CloudWatch stream read back
    op, ctx = operator(), context()
    arn_of = play_container(set(task_arns()))
    op.execute(ctx)
    arn = arn_of()
    report["run"] = {
        "task": describe(arn),
        "started_by_expected": generate_uuid(
            "strava_daily", "landing__strava__activities", "manual__x", "-1"
        ),
        "container_name": op.container_name,
        "log_stream": op._get_logs_stream_name(),
        "last_logs": op.task_log_fetcher.get_last_log_messages(5) if op.task_log_fetcher else [],
        "discovery_sleeps": [s for s in SLEEPS if s in (10, 30)],
    }

    # 2. reattach: a retry of the same task instance finds the task the first try started
    first = boto3.client("ecs").run_task(
        cluster=CLUSTER,
        taskDefinition=FAMILY,
        launchType="FARGATE",
        startedBy=report["run"]["started_by_expected"],
        overrides={"containerOverrides": [{"name": "extract", "command": [*COMMAND, *RUN]}]},
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": report["subnets"],
                "securityGroups": [os.environ["VOYAGER_SECURITY_GROUPS"]],
            }
        },
    )["tasks"][0]["taskArn"]
    before = set(task_arns())
    op = operator()
    stopper = threading.Timer(
        1.0,
        lambda: boto3.client("ecs").stop_task(
            cluster=CLUSTER, task=first, reason="Essential container exited"
        ),
    )
    stopper.start()
    op.execute(context())
    stopper.join()
    report["reattach"] = {"arn_is_first": op.arn == first, "new_tasks": sorted(set(task_arns()) - before)}

    # 3. on_kill: StopTask on the running task
    op = operator()
    arn_of = play_container(set(task_arns()), stop=False)
    worker = threading.Thread(target=lambda: op.execute(context()), daemon=True)
    worker.start()
    arn = arn_of()
    while op.arn is None:
        time.sleep(0.05)
    op.on_kill()
    worker.join(60)
    report["on_kill"] = {"task": describe(arn), "execute_finished": not worker.is_alive()}
    report["checked_after_stop"] = CHECKED

    # 4. run settings: the dbt task sends the set ones (Airflow Variable, else the worker's
    # variable) as the container's environment override; RunTask takes it
    os.environ.update(
        {
            "VOYAGER_TASK_FAMILY_DBT": FAMILY,
            "VOYAGER_LOG_GROUP_DBT": LOG_GROUP,
            "VOYAGER_CONTAINER_NAME_DBT": "extract",
            "VOYAGER_TRAINING_AS_OF": "2025-04-15",
        }
    )
    op = VoyagerDbtOperator(
        task_id="marts__fct_activity_streaks",
        asset_keys=["marts/fct_activity_streaks"],
        command=["node", "orchestration/dist/dbt/main.js", "materialize", "marts/fct_activity_streaks", *RUN],
        run_settings=["VOYAGER_TRAINING_AS_OF", "VOYAGER_UNSET_SETTING"],
        aws_conn_id=None,
    )
    op.configure(context())
    arn = boto3.client("ecs").run_task(
        cluster=CLUSTER,
        taskDefinition=FAMILY,
        launchType="FARGATE",
        overrides=op.overrides,
        networkConfiguration=op.network_configuration,
    )["tasks"][0]["taskArn"]
    report["run_settings"] = describe(arn)["overrides"]
    stop_task(arn)
    print("VOYAGER_REPORT " + json.dumps(report, default=str))


if __name__ == "__main__":
    main()
