import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';
import { names } from '../config/names.js';
import { SecureBucket } from '../constructs/secure-bucket.js';
import { VoyagerStack } from './voyager-stack.js';

/**
 * `voyager-storage-<env>`: the landing bucket (objects to STANDARD_IA after 30 days) and the MWAA
 * bucket (dags/, plugins.zip, requirements.txt). Bucket names end with the account id to be
 * globally unique; MWAA requires its bucket name to start with `airflow-`.
 */
export class StorageStack extends VoyagerStack {
  readonly landing: SecureBucket;
  readonly airflow: SecureBucket;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, 'storage', config);
    this.landing = new SecureBucket(this, 'landing', {
      bucketName: names.landingBucket(config.name, this.aws),
      infrequentAccessAfterDays: 30,
      noncurrentVersionDays: 30,
    });
    this.airflow = new SecureBucket(this, 'airflow', {
      bucketName: names.airflowBucket(config.name, this.aws),
      noncurrentVersionDays: 30,
    });
  }
}
