"""VoyagerAssetOperator and VoyagerDbtOperator: one Voyager step as a subprocess on the Airflow worker.

For a laptop without Docker, and for CI: the worker runs the step command itself, from the
project root (the Airflow Variable or environment variable voyager_project_dir, a checkout with
``npm ci && npm run build`` done), exactly as ``voyager materialize --isolation process`` does.
The subprocess gets the worker's ``VOYAGER_*`` variables and those of its image's declared
prefixes (``env_prefixes``), plus PATH, HOME and the locale; nothing else.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Sequence
from typing import Any

from voyager_airflow.compat import AirflowException, AirflowFailException, BaseOperator
from voyager_airflow.partitions import TimePartitions
from voyager_airflow.settings import setting
from voyager_airflow.step import BASE_ENVIRONMENT, VoyagerStepMixin

#: Exit code of a container entry point for a usage or configuration error: a retry cannot fix it.
EXIT_USAGE = 2


class VoyagerAssetOperator(VoyagerStepMixin, BaseOperator):
    """Materializes asset_keys by running command as a subprocess in the project root.

    cpu and memory_mib are accepted for the same DAG files as the other targets and ignored.
    """

    template_fields: Sequence[str] = ("command",)
    ui_color = "#dbeafe"

    def __init__(
        self,
        *,
        asset_keys: Sequence[str],
        voyager_image: str,
        command: Sequence[str],
        partitions: TimePartitions | None = None,
        env_prefixes: Sequence[str] = ("VOYAGER_",),
        env_names: Sequence[str] = (),
        cpu: int | None = None,
        memory_mib: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.init_step(asset_keys, voyager_image, partitions, env_prefixes, env_names)
        self.command = list(command)
        self.cpu = cpu
        self.memory_mib = memory_mib
        self._child: subprocess.Popen[str] | None = None

    def execute(self, context: Any) -> None:
        """Runs the step, streams its output into the task log and records its asset events.

        Raises AirflowFailException (no retry) when the step exits 2 (usage or configuration
        error) and AirflowException for any other non-zero exit.
        """
        command = self.step_command(context, self.command)
        project_dir = setting("voyager_project_dir")
        environment = self.step_environment(BASE_ENVIRONMENT)
        environment["VOYAGER_LAUNCHED_BY"] = "airflow-process"
        self.log.info("Voyager step in %s: %s", project_dir, " ".join(command))
        with subprocess.Popen(
            command,
            cwd=project_dir,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as child:
            self._child = child
            assert child.stdout is not None
            for line in child.stdout:
                self.log.info("%s", line.rstrip("\n"))
            code = child.wait()
        self._child = None
        if code == EXIT_USAGE:
            raise AirflowFailException(
                f"step exited {code} (usage or configuration error): {' '.join(command)}"
            )
        if code != 0:
            raise AirflowException(f"step exited {code}: {' '.join(command)}")
        self.finish_step(context, command)

    def on_kill(self) -> None:
        """SIGTERM to the step, which cancels cleanly and records the run as canceled."""
        if self._child is not None and self._child.poll() is None:
            self._child.send_signal(signal.SIGTERM)


class VoyagerDbtOperator(VoyagerAssetOperator):
    """VoyagerAssetOperator for the dbt image: one dbt model, or a whole dbt folder (group:<folder>)."""

    ui_color = "#ffedd5"

    def __init__(self, *, voyager_image: str = "dbt", **kwargs: Any) -> None:
        super().__init__(voyager_image=voyager_image, **kwargs)
