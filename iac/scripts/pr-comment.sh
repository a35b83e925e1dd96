#!/usr/bin/env bash
# Usage: iac/scripts/pr-comment.sh <pull request number> <body.md>
# Creates the pull request's Terraform plan comment, or updates it in place: the comment is found
# by the marker on its first line and by its author, the workflow's bot (anyone can post a comment
# that starts with the marker; updating theirs would fail or, worse, edit a stranger's comment).
# Needs GH_TOKEN (pull-requests: write) and GITHUB_REPOSITORY.
set -euo pipefail

pr=${1:?pull request number}
file=${2:?body file}
marker='<!-- voyager-iac-plan -->'
bot='github-actions[bot]'
body="$marker
$(cat "$file")"
if ((${#body} > 65000)); then
  body="${body:0:64000}

_Truncated: the full plan is in the workflow log._"
fi

id=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$pr/comments" \
  --jq ".[] | select(.user.login == \"$bot\" and (.body | startswith(\"$marker\"))) | .id" | head -n1)
if [[ -n "$id" ]]; then
  gh api -X PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -f body="$body" >/dev/null
  echo "updated comment $id"
else
  gh api -X POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" -f body="$body" >/dev/null
  echo "created the plan comment"
fi
