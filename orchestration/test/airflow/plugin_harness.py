"""Runs the generated operator package against stand-ins of Airflow (Airflow is not installed here).

Usage: python3 plugin_harness.py <bundle dir> ecs|docker
The stand-ins replace only the Airflow and docker modules the package imports: a Variable store,
EcsRunTaskOperator / DockerOperator bases that record the state they would send. What is checked
is the package's own logic: settings lookup, the ECS overrides and network configuration, log
stream prefix, the Docker image, network, mount and environment, the partition macro, the
asset event extras, and the generated voyager__finish_run call (read from dags/strava_daily.py)
run through the operator, its template fields rendered first as Airflow renders them (only the
{{ dag.dag_id }} and {{ run_id }} expressions are known here). Prints JSON.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
import types
from datetime import datetime, timedelta, timezone
from pathlib import Path

VARIABLES = {
    "voyager_ecs_cluster": "voyager-cluster-dev",
    "voyager_subnets": '["subnet-a", "subnet-b"]',
    "voyager_security_groups": "sg-1, sg-2",
    "voyager_task_family_extract": "voyager-extract-dev",
    "voyager_log_group_extract": "/voyager/dev/extract",
    "voyager_task_family_dbt_core": "voyager-dbt-core-dev",
    "voyager_log_group_dbt_core": "/voyager/dev/dbt-core",
    "voyager_log_stream_prefix_dbt_core": "dbt-core/dbt-core",
    "voyager_aws_region": "eu-west-1",
}


class AirflowException(Exception):
    pass


class Variable:
    @staticmethod
    def get(key, default=None):
        return VARIABLES.get(key, default)


TEMPLATE = re.compile(r"\{\{\s*(.*?)\s*\}\}")


def render(value, context):
    """value with each {{ expression }} of its strings replaced from context, as Jinja would.

    Only dotted names are known (dag.dag_id, run_id); any other expression raises.
    """
    if isinstance(value, str):
        def lookup(match):
            found = context
            for part in match.group(1).split("."):
                found = found[part] if isinstance(found, dict) else getattr(found, part)
            return str(found)

        return TEMPLATE.sub(lookup, value)
    if isinstance(value, (list, tuple)):
        return type(value)(render(v, context) for v in value)
    if isinstance(value, dict):
        return {k: render(v, context) for k, v in value.items()}
    return value


class RecordingOperator:
    template_fields = ("task_definition", "cluster", "overrides")

    def __init__(self, **kwargs):
        self.init_kwargs = dict(kwargs)
        for key, value in kwargs.items():
            setattr(self, key, value)
        self.outlets = kwargs.get("outlets", [])
        self.log = types.SimpleNamespace(info=lambda *a, **k: None)

    def render_template_fields(self, context):
        """What Airflow does before execute(): renders the attributes named in template_fields."""
        for name in type(self).template_fields:
            if hasattr(self, name):
                setattr(self, name, render(getattr(self, name), context))

    def execute(self, context):
        sent = {k: v for k, v in vars(self).items() if k not in ("log", "init_kwargs", "outlets")}
        context["sent"] = json.loads(json.dumps(sent, default=lambda o: o.total_seconds() if isinstance(o, timedelta) else vars(o)))
        return "ok"


class Mount:
    def __init__(self, source, target, type):
        self.source, self.target, self.type = source, target, type


def install_stubs() -> None:
    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m

    module("airflow")
    module("airflow.exceptions", AirflowException=AirflowException)
    module("airflow.sdk", Variable=Variable)
    for name in ("airflow.providers", "airflow.providers.amazon", "airflow.providers.amazon.aws", "airflow.providers.amazon.aws.operators"):
        module(name)
    module("airflow.providers.amazon.aws.operators.ecs", EcsRunTaskOperator=type("EcsRunTaskOperator", (RecordingOperator,), {}))
    for name in ("airflow.providers.docker", "airflow.providers.docker.operators"):
        module(name)
    # the template fields of the provider's DockerOperator
    docker_fields = ("image", "command", "environment", "env_file", "container_name")
    module("airflow.providers.docker.operators.docker", DockerOperator=type("DockerOperator", (RecordingOperator,), {"template_fields": docker_fields}))
    module("docker")
    module("docker.types", Mount=Mount)


class Outlets(dict):
    def __missing__(self, key):
        self[key] = types.SimpleNamespace(extra=None)
        return self[key]


def finish_run_call(dag_file: Path) -> ast.Call:
    """The operator call assigned to voyager__finish_run in a generated DAG file."""
    for node in ast.walk(ast.parse(dag_file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "voyager__finish_run":
            return node.value
    raise ValueError(f"{dag_file}: no voyager__finish_run task")


def dag_id_of(dag_file: Path) -> str:
    """The dag_id keyword of the DAG(...) call in a generated DAG file."""
    for node in ast.walk(ast.parse(dag_file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DAG":
            return next(ast.literal_eval(k.value) for k in node.keywords if k.arg == "dag_id")
    raise ValueError(f"{dag_file}: no DAG(...) call")


def evaluate(node: ast.AST):
    """A keyword argument of a generated operator call: a literal or timedelta(seconds=N)."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "timedelta":
        return timedelta(**{k.arg: ast.literal_eval(k.value) for k in node.keywords})
    return ast.literal_eval(node)


def main() -> None:
    bundle, target = Path(sys.argv[1]), sys.argv[2]
    install_stubs()
    sys.path.insert(0, str(bundle / "plugins"))
    os.environ["VOYAGER_DATABASE_URL"] = "postgres://voyager@warehouse/voyager"
    os.environ["STRAVA_CLIENT_ID"] = "123"
    os.environ["UNRELATED"] = "x"
    operators = __import__(f"voyager_airflow.{target}", fromlist=["VoyagerAssetOperator"])
    partitions = __import__("voyager_airflow.partitions", fromlist=["voyager_partition"])
    settings = __import__("voyager_airflow.settings", fromlist=["setting"])
    out = {}

    command = ["node", "extract/dist/main.js", "materialize", "landing/strava/activities", "--partition", "2024-03-31", "--run-id", "scheduled__x"]
    op = operators.VoyagerAssetOperator(task_id="t", asset_keys=["landing/strava/activities"], voyager_image="extract", command=command, outlets=["asset-a"])
    context = {"outlet_events": Outlets()}
    out["asset_result"] = op.execute(context)
    out["asset_sent"] = context["sent"]
    out["asset_init"] = {k: v for k, v in op.init_kwargs.items() if k != "outlets"}
    out["asset_events"] = {k: v.extra for k, v in context["outlet_events"].items()}
    out["template_fields"] = list(type(op).template_fields)

    dbt = operators.VoyagerDbtOperator(task_id="d", asset_keys=["marts/a"], voyager_image="dbt-core", command=["dbt", "materialize", "group:marts", "--run-id", "r"], cpu=2048, memory_mib=4096, outlets=[])
    context = {"outlet_events": Outlets()}
    dbt.execute(context)
    out["dbt_sent"] = context["sent"]
    out["dbt_init"] = {k: v for k, v in dbt.init_kwargs.items() if k != "outlets"}

    # The finish task exactly as dags/strava_daily.py calls it: the keyword arguments of its
    # operator call, evaluated (literals and timedelta only); its template fields rendered as
    # Airflow would for the run scheduled__x of that DAG, then executed.
    dag_file = bundle / "dags" / "strava_daily.py"
    finish_call = finish_run_call(dag_file)
    finish_kwargs = {k.arg: evaluate(k.value) for k in finish_call.keywords}
    finish = getattr(operators, finish_call.func.id)(**finish_kwargs)
    out["finish_template_fields"] = list(type(finish).template_fields)
    finish.render_template_fields({"dag": types.SimpleNamespace(dag_id=dag_id_of(dag_file)), "run_id": "scheduled__x"})
    context = {"outlet_events": Outlets()}
    out["finish_result"] = finish.execute(context)
    out["finish_sent"] = context["sent"]
    out["finish_operator"] = finish_call.func.id
    out["finish_trigger_rule"] = finish.init_kwargs.get("trigger_rule")
    out["finish_events"] = {str(k): v.extra for k, v in context["outlet_events"].items()}

    try:
        settings.setting("voyager_missing_thing")
        out["missing"] = None
    except AirflowException as error:
        out["missing"] = str(error)

    run = types.SimpleNamespace(conf={}, run_after=datetime(2024, 4, 1, 5, 0, tzinfo=timezone.utc))
    events = {"a": [types.SimpleNamespace(extra={"voyager_partition": "2024-03-31"})], "b": [types.SimpleNamespace(extra={})]}
    two_pending = {"a": [types.SimpleNamespace(extra={"voyager_partition": "2024-03-30"})], "b": [types.SimpleNamespace(extra={"voyager_partition": "2024-03-31"})]}
    out["macro"] = {
        "from_events": partitions.voyager_partition(run, events, "daily"),
        "from_conf": partitions.voyager_partition(types.SimpleNamespace(conf={"partition": "2023-01-01"}), events, "daily"),
        "daily_fallback": partitions.voyager_partition(run, {}, "daily"),
        "hourly_fallback_paris": partitions.voyager_partition(run, None, "hourly", "Europe/Paris"),
    }
    def event(key):
        return types.SimpleNamespace(extra={"voyager_partition": key})

    def outcome(*args):
        try:
            return partitions.voyager_partition(*args)
        except partitions.PartitionKeyError as error:
            return f"PartitionKeyError: {error}"

    out["macro_checks"] = {
        "two_pending": outcome(run, two_pending, "daily"),
        "same_key_twice": outcome(run, {"a": [event("2024-03-31")], "b": [event("2024-03-31")]}, "daily"),
        "hourly_to_daily": outcome(run, {"a": [event("2024-03-31T05:00"), event("2024-03-31T06:00")]}, "daily"),
        "hourly_two_days_to_daily": outcome(run, {"a": [event("2024-03-30T23:00"), event("2024-03-31T00:00")]}, "daily"),
        "daily_to_hourly": outcome(run, {"a": [event("2024-03-31")]}, "hourly"),
        "malformed": outcome(run, {"a": [event("last tuesday")]}, "daily"),
        "conf_of_wrong_kind": outcome(types.SimpleNamespace(conf={"partition": "2024-03-31"}), None, "hourly"),
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
