import { expect } from 'vitest';
import type { AssetDefinition } from '@voyager/orchestration';
import { runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { filesInboxAsset } from '@voyager/extract';
import { createFilesLoadAssets, createStravaLoadAssets } from '@voyager/load';

/** The raw assets that load what the activity-file inbox (`landing/files/activities`) lands. */
export interface InboxLoadAssets {
  /** `raw/strava_activities`: the files' activities beside the API's, marked with their source. */
  readonly rawActivities: AssetDefinition;
  /** `raw/strava_activity_streams`: the files' stream points. */
  readonly rawStreams: AssetDefinition;
  /** `raw/files_activities`: per file, its device, sensors, sessions and developer fields. */
  readonly rawFileActivities: AssetDefinition;
  /** `raw/files_inbox_ledger`: which files were taken, skipped or quarantined, and when. */
  readonly rawLedger: AssetDefinition;
}

/** The inbox's load assets wired as `definitions.ts` wires them, with the inbox as every upstream. */
export function inboxLoadAssets(): InboxLoadAssets {
  const [rawActivities, , rawStreams] = createStravaLoadAssets({
    activities: filesInboxAsset,
    activityStreams: filesInboxAsset,
    files: filesInboxAsset,
  });
  const [rawFileActivities, rawLedger] = createFilesLoadAssets({ activities: filesInboxAsset });
  return {
    rawActivities: rawActivities!,
    rawStreams: rawStreams!,
    rawFileActivities: rawFileActivities!,
    rawLedger: rawLedger!,
  };
}

/** Materializes `asset` once, expects success (the error as the message) and returns its metadata. */
export async function runSucceeded(runtime: TestRuntime, asset: AssetDefinition) {
  const outcome = await runAssetOnce(runtime, asset);
  expect(outcome.status, outcome.error).toBe('success');
  return outcome.metadata;
}
