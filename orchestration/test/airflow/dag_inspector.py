"""Reads generated Voyager DAG files with the ast module (Airflow is not installed) and prints JSON.

Usage: python3 dag_inspector.py <bundle dir>
For each dags/*.py: dag_id, schedule, catchup, max_active_runs, imports, tasks (task id, operator,
assets, image, container command, retries, outlets, trigger rule) and dependency edges, with the
finish task (voyager__finish_run) apart from the asset tasks. For each plugin module:
its classes and their bases. Nothing is imported or executed.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

# The last task of every DAG: closes the Airflow run in run storage; not an asset task.
FINISH_RUN_TASK_ID = "voyager__finish_run"


def name_of(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{name_of(node.value)}.{node.attr}"
    raise ValueError(f"not a name: {ast.dump(node)}")


def literal(node: ast.AST):
    return ast.literal_eval(node)


def asset_uri(node: ast.AST) -> dict:
    if not (isinstance(node, ast.Call) and name_of(node.func) in ("Asset", "Dataset") and len(node.args) == 1):
        raise ValueError(f"not an Asset/Dataset: {ast.unparse(node)}")
    return {"class": name_of(node.func), "uri": literal(node.args[0])}


def schedule_of(node: ast.AST) -> dict:
    if isinstance(node, ast.Constant) and node.value is None:
        return {"kind": "manual"}
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {"kind": "cron", "cron": node.value, "timetable": None}
    if isinstance(node, ast.Call) and name_of(node.func) == "CronDataIntervalTimetable":
        kw = {k.arg: literal(k.value) for k in node.keywords}
        return {"kind": "cron", "cron": literal(node.args[0]), "timetable": "CronDataIntervalTimetable", "timezone": kw.get("timezone")}
    if isinstance(node, ast.List):
        refs = [asset_uri(e) for e in node.elts]
        return {"kind": "assets", "uris": [r["uri"] for r in refs], "classes": sorted({r["class"] for r in refs})}
    raise ValueError(f"unknown schedule: {ast.unparse(node)}")


def names_in(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.List):
        return [n for e in node.elts for n in names_in(e)]
    raise ValueError(f"not a task or list of tasks: {ast.unparse(node)}")


def task_of(var: str, call: ast.Call) -> dict:
    kw = {k.arg: k.value for k in call.keywords}
    task = {
        "var": var,
        "operator": name_of(call.func),
        "task_id": literal(kw["task_id"]),
        "asset_keys": literal(kw["asset_keys"]),
        "image": literal(kw["voyager_image"]),
        "command": literal(kw["command"]),
        "retries": literal(kw["retries"]) if "retries" in kw else 0,
        "retry_delay_seconds": None,
        "retry_exponential_backoff": literal(kw["retry_exponential_backoff"]) if "retry_exponential_backoff" in kw else False,
        "outlets": [asset_uri(o)["uri"] for o in kw["outlets"].elts] if "outlets" in kw else [],
        "outlet_classes": sorted({asset_uri(o)["class"] for o in kw["outlets"].elts}) if "outlets" in kw else [],
        "cpu": literal(kw["cpu"]) if "cpu" in kw else None,
        "memory_mib": literal(kw["memory_mib"]) if "memory_mib" in kw else None,
        "doc_md": literal(kw["doc_md"]) if "doc_md" in kw else None,
        "trigger_rule": literal(kw["trigger_rule"]) if "trigger_rule" in kw else None,
    }
    delay = kw.get("retry_delay")
    if delay is not None:
        if not (isinstance(delay, ast.Call) and name_of(delay.func) == "timedelta"):
            raise ValueError(f"retry_delay is not timedelta(...): {ast.unparse(delay)}")
        task["retry_delay_seconds"] = {k.arg: literal(k.value) for k in delay.keywords}["seconds"]
    return task


def inspect_dag(path: Path) -> dict:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    imports = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            imports.append({"module": node.module, "names": [a.name for a in node.names]})
        elif isinstance(node, ast.Import):
            imports.append({"module": None, "names": [a.name for a in node.names]})
    withs = [n for n in tree.body if isinstance(n, ast.With)]
    if len(withs) != 1:
        raise ValueError(f"{path}: expected one `with DAG(...)` block, found {len(withs)}")
    block = withs[0]
    call = block.items[0].context_expr
    if not (isinstance(call, ast.Call) and name_of(call.func) == "DAG"):
        raise ValueError(f"{path}: the with block is not DAG(...)")
    kw = {k.arg: k.value for k in call.keywords}
    tasks, edges = [], []
    by_var = {}
    for stmt in block.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            task = task_of(stmt.targets[0].id, stmt.value)
            tasks.append(task)
            by_var[task["var"]] = task["task_id"]
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.BinOp) and isinstance(stmt.value.op, ast.RShift):
            for up in names_in(stmt.value.left):
                for down in names_in(stmt.value.right):
                    edges.append([by_var[up], by_var[down]])
        else:
            raise ValueError(f"{path}: unexpected statement in the DAG block: {ast.unparse(stmt)}")
    finish = [t for t in tasks if t["task_id"] == FINISH_RUN_TASK_ID]
    return {
        "file": path.name,
        "docstring": ast.get_docstring(tree),
        "header": path.read_text(encoding="utf-8").splitlines()[0],
        "dag_id": literal(kw["dag_id"]),
        "schedule": schedule_of(kw["schedule"]),
        "catchup": literal(kw["catchup"]),
        "max_active_runs": literal(kw["max_active_runs"]),
        "tags": literal(kw["tags"]),
        "start_date": ast.unparse(kw["start_date"]),
        "user_defined_macros": sorted(k.value for k in kw["user_defined_macros"].keys) if "user_defined_macros" in kw else [],
        "imports": imports,
        # the asset tasks and the edges between them; the finish task and its edges come apart
        "tasks": [t for t in tasks if t["task_id"] != FINISH_RUN_TASK_ID],
        "edges": [e for e in edges if FINISH_RUN_TASK_ID not in e],
        "finish_tasks": finish,
        "finish_edges": [e for e in edges if FINISH_RUN_TASK_ID in e],
        "task_order": [t["task_id"] for t in tasks],
    }


def inspect_module(path: Path, root: Path) -> dict:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    classes = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            init_defaults = {}
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    for sub in ast.walk(item):
                        if (
                            isinstance(sub, ast.Call)
                            and isinstance(sub.func, ast.Attribute)
                            and sub.func.attr == "setdefault"
                            and name_of(sub.func.value) == "kwargs"
                            and isinstance(sub.args[0], ast.Constant)
                        ):
                            init_defaults[sub.args[0].value] = ast.unparse(sub.args[1])
            classes.append({"name": node.name, "bases": [ast.unparse(b) for b in node.bases], "init_defaults": init_defaults})
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    strings = sorted({n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)})
    return {"file": str(path.relative_to(root)), "classes": classes, "functions": functions, "strings": strings}


def main() -> None:
    root = Path(sys.argv[1])
    result = {
        "dags": [inspect_dag(p) for p in sorted((root / "dags").glob("*.py"))],
        "modules": [inspect_module(p, root) for p in sorted((root / "plugins").rglob("*.py"))],
    }
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
