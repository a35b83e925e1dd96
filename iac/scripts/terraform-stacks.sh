#!/usr/bin/env bash
# Usage: iac/scripts/terraform-stacks.sh plan|apply <env> [report.md]
# Runs `terraform init` and then `plan` or `apply` over every synthesized stack of <env>
# (iac/cdktf.out, from `npm run synth`), in dependency order. `plan` is read-only (-lock=false,
# the plan role cannot write the state) and appends one collapsible section per stack to
# report.md; it exits 1 when any stack fails to plan, after planning the others.
set -euo pipefail

mode=${1:?plan or apply}
env=${2:?environment, e.g. prod}
report=${3:-/dev/null}
iac="$(git rev-parse --show-toplevel)/iac"
mapfile -t stacks < <(cd "$iac" && npm run -s stack-order -- "$env")
if [[ ${#stacks[@]} -eq 0 ]]; then
  echo "terraform-stacks: no stack for environment $env in iac/cdktf.out" >&2
  exit 1
fi

status=0
for stack in "${stacks[@]}"; do
  dir="$iac/cdktf.out/stacks/$stack"
  echo "::group::$mode $stack"
  terraform -chdir="$dir" init -input=false -no-color
  if [[ "$mode" == apply ]]; then
    terraform -chdir="$dir" apply -input=false -no-color -auto-approve
  else
    set +e
    terraform -chdir="$dir" plan -input=false -no-color -lock=false -detailed-exitcode >"$dir/plan.txt" 2>&1
    code=$?
    set -e
    cat "$dir/plan.txt"
    case $code in
      0) summary='no changes' ;;
      2) summary=$(grep -m1 -E '^(Plan|Changes to Outputs):' "$dir/plan.txt" || echo 'changes') ;;
      *) summary='**plan failed**'; status=1 ;;
    esac
    {
      echo "<details><summary><code>$stack</code>: $summary</summary>"
      echo
      echo '```'
      # Keep the comment under GitHub's 65,536 characters: the end of a plan is the informative part.
      tail -c 9000 "$dir/plan.txt"
      echo '```'
      echo '</details>'
    } >>"$report"
  fi
  echo "::endgroup::"
done
exit "$status"
