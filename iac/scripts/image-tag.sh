#!/usr/bin/env bash
# Prints the tag of the Voyager images for HEAD: the last commit that changed anything built into
# an image. images.yml pushes under this tag and iac-plan / iac-apply synthesize the task
# definitions with it, so they agree even when one push holds several commits.
# IMAGE_SOURCES must equal the `paths` filter of images.yml (iac/test/workflows.test.ts checks).
set -euo pipefail

IMAGE_SOURCES=(
  extract
  load
  transformation
  orchestration
  definitions.ts
  package.json
  package-lock.json
  tsconfig.base.json
)

cd "$(git rev-parse --show-toplevel)"
tag=$(git log -1 --format=%H -- "${IMAGE_SOURCES[@]}")
if [[ -z "$tag" ]]; then
  echo "image-tag: no commit touches the image sources (shallow clone? check out with fetch-depth: 0)" >&2
  exit 1
fi
echo "$tag"
