import { Construct } from 'constructs';
import { MwaaEnvironment as MwaaEnvironmentResource } from '@cdktf/provider-aws/lib/mwaa-environment/index.js';
import { VoyagerSecurityGroup } from './security-group.js';

/** The props of {@link MwaaEnvironment}. */
export interface MwaaEnvironmentProps {
  readonly name: string;
  readonly airflowVersion: string;
  readonly environmentClass: string;
  readonly executionRoleArn: string;
  /** The `airflow-...` bucket (dags/, plugins.zip, requirements.txt). */
  readonly bucketArn: string;
  readonly vpcId: string;
  /** Two private subnets in different AZs (an MWAA requirement). */
  readonly privateSubnetIds: readonly string[];
  /** `/voyager/<env>/airflow`: Variables under `/variables`, Connections under `/connections`. */
  readonly airflowParameterPrefix: string;
}

const SSM_BACKEND =
  'airflow.providers.amazon.aws.secrets.systems_manager.SystemsManagerParameterStoreBackend';

/**
 * An Amazon MWAA environment (Airflow 3 by default) with the SSM secrets backend, so Airflow
 * Variables come from the parameters Terraform writes. The plugin and requirements object versions
 * are set by dags-deploy.yml (`aws mwaa update-environment`) when they change, so Terraform ignores them.
 */
export class MwaaEnvironment extends Construct {
  readonly arn: string;
  readonly webserverUrl: string;

  constructor(scope: Construct, id: string, props: MwaaEnvironmentProps) {
    super(scope, id);
    const sg = new VoyagerSecurityGroup(this, 'sg', {
      name: `${props.name}-sg`,
      description: 'MWAA: its components talk to each other; egress to AWS APIs and PyPI',
      vpcId: props.vpcId,
      ingress: [{ description: 'MWAA components', port: 'all', self: true }],
      egress: [
        { description: 'AWS APIs and PyPI (HTTPS)', port: 443 },
        { description: 'MWAA components', port: 'all', self: true },
      ],
    });
    const env = new MwaaEnvironmentResource(this, 'env', {
      name: props.name,
      airflowVersion: props.airflowVersion,
      environmentClass: props.environmentClass,
      executionRoleArn: props.executionRoleArn,
      sourceBucketArn: props.bucketArn,
      dagS3Path: 'dags',
      webserverAccessMode: 'PUBLIC_ONLY',
      maxWorkers: 2,
      networkConfiguration: { securityGroupIds: [sg.id], subnetIds: [...props.privateSubnetIds] },
      airflowConfigurationOptions: {
        'secrets.backend': SSM_BACKEND,
        'secrets.backend_kwargs': JSON.stringify({
          variables_prefix: `${props.airflowParameterPrefix}/variables`,
          connections_prefix: `${props.airflowParameterPrefix}/connections`,
        }),
        'core.load_examples': 'False',
      },
      loggingConfiguration: {
        taskLogs: { enabled: true, logLevel: 'INFO' },
        schedulerLogs: { enabled: true, logLevel: 'WARNING' },
        dagProcessingLogs: { enabled: true, logLevel: 'WARNING' },
        webserverLogs: { enabled: true, logLevel: 'WARNING' },
        workerLogs: { enabled: true, logLevel: 'WARNING' },
      },
      lifecycle: {
        ignoreChanges: [
          'plugins_s3_path',
          'plugins_s3_object_version',
          'requirements_s3_path',
          'requirements_s3_object_version',
        ],
      },
    });
    this.arn = env.arn;
    this.webserverUrl = env.webserverUrl;
  }
}
