"""Voyager operators for Airflow: each task runs one asset step, the command of its image.

The DAG files that ``voyager dags build`` writes import one operator module, by target:

- ``voyager_airflow.ecs``: the step as an ECS Fargate task (MWAA);
- ``voyager_airflow.docker``: the step as a local Docker container (``dev/docker-compose.yml``);
- ``voyager_airflow.process``: the step as a subprocess on the Airflow worker (no Docker).

All three take the same arguments and compute the step's partition when the task runs
(``voyager_airflow.partitions``). The package ships under the DAG folder; its ``.airflowignore``
keeps the scheduler from parsing it as DAG files.
"""
