#!/usr/bin/env bash
# Usage: iac/scripts/deploy-dags.sh <bundle dir> <bucket> [mwaa environment]
# Deploys a `voyager dags build` bundle to the MWAA bucket: dags/ synced with --delete (the
# operator package ships under dags/voyager_airflow/); plugins.zip (built reproducibly from
# plugins/, only when the bundle has one: bundles of today have none) and requirements.txt
# uploaded only when their content changed (sha256 kept as object metadata); then, when something was uploaded and the
# environment exists, MWAA is pointed at the new object versions (an update restarts its workers).
set -euo pipefail

bundle=$(realpath "${1:?bundle dir}")
bucket=${2:?bucket}
environment=${3:-}

aws s3 sync "$bundle/dags/" "s3://$bucket/dags/" --delete --only-show-errors
echo "dags/ synced to s3://$bucket/dags/"

# Same content, same bytes: fixed timestamps, sorted entries, no extra attributes.
zip_file="$bundle/plugins.zip"
rm -f "$zip_file"
if [[ -d "$bundle/plugins" ]]; then
  (
    cd "$bundle/plugins"
    find . -exec touch -h -d '1980-01-01T00:00:00Z' {} +
    find . -type f | LC_ALL=C sort | zip -X -q -D "$zip_file" -@
  )
fi

# Prints the new object version, or nothing when the object already has this content.
upload_if_changed() {
  local file=$1 key=$2 sha remote
  sha=$(sha256sum "$file" | cut -d' ' -f1)
  remote=$(aws s3api head-object --bucket "$bucket" --key "$key" --query 'Metadata.sha256' --output text 2>/dev/null || true)
  if [[ "$remote" == "$sha" ]]; then
    echo "$key unchanged" >&2
    return 0
  fi
  aws s3api put-object --bucket "$bucket" --key "$key" --body "$file" --metadata "sha256=$sha" \
    --query VersionId --output text
  echo "$key uploaded" >&2
}

plugins_version=""
if [[ -f "$zip_file" ]]; then plugins_version=$(upload_if_changed "$zip_file" plugins.zip); fi
requirements_version=$(upload_if_changed "$bundle/requirements.txt" requirements.txt)

update=()
if [[ -n "$plugins_version" ]]; then
  update+=(--plugins-s3-path plugins.zip --plugins-s3-object-version "$plugins_version")
fi
if [[ -n "$requirements_version" ]]; then
  update+=(--requirements-s3-path requirements.txt --requirements-s3-object-version "$requirements_version")
fi
if [[ ${#update[@]} -eq 0 || -z "$environment" ]]; then
  exit 0
fi
if ! aws mwaa get-environment --name "$environment" >/dev/null 2>&1; then
  echo "no MWAA environment $environment (flag mwaa off?): files uploaded, nothing to update"
  exit 0
fi
aws mwaa update-environment --name "$environment" "${update[@]}" >/dev/null
echo "MWAA environment $environment updating to the new plugins / requirements"
