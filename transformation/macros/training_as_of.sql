{#
  "Today" of the training marts, as a SQL date expression: VOYAGER_TRAINING_AS_OF (a report as of
  a past day; the tests pin it) as `cast('YYYY-MM-DD' as date)`, else `current_date`. A value that
  is not a date as YYYY-MM-DD fails the model with one line naming the variable (it is pasted into
  the SQL, so it is checked first; Postgres would otherwise fail with its own date error, or worse).
  The built-in runner calls it as dbt does (README: the built-in runner's Jinja subset).
#}
{% macro training_as_of() %}
{%- set as_of = env_var('VOYAGER_TRAINING_AS_OF', '') -%}
{%- if as_of and not modules.re.fullmatch('[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])', as_of) -%}
{{ exceptions.raise_compiler_error('VOYAGER_TRAINING_AS_OF must be a date as YYYY-MM-DD (e.g. 2025-04-15), or unset for today') }}
{%- endif -%}
{%- if as_of -%}cast('{{ as_of }}' as date){%- else -%}current_date{%- endif -%}
{% endmacro %}
