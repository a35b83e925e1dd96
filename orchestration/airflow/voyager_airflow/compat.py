"""The few Airflow names whose import path differs between Airflow 3 (Task SDK) and Airflow 2."""

from __future__ import annotations

try:  # Airflow 3: the Task SDK is the public interface of DAG authors
    from airflow.sdk import BaseOperator, Variable
except ImportError:  # Airflow 2.10 / 2.11
    from airflow.models import BaseOperator, Variable  # type: ignore[no-redef]

try:  # Airflow 3.1+ (airflow.exceptions re-exports them with a deprecation warning)
    from airflow.sdk.exceptions import AirflowException, AirflowFailException
except ImportError:  # Airflow 2 and 3.0
    from airflow.exceptions import AirflowException, AirflowFailException  # type: ignore[no-redef]

__all__ = ["AirflowException", "AirflowFailException", "BaseOperator", "Variable"]
