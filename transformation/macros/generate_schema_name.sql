{#
  Models land in exactly the schema they configure (`staging`, `marts`), not dbt's default
  `<target_schema>_<custom_schema>`: the warehouse layout (raw, staging, marts) is a contract.
  https://docs.getdbt.com/docs/build/custom-schemas#changing-the-way-dbt-generates-a-schema-name
  Voyager's built-in runner applies the same rule.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
