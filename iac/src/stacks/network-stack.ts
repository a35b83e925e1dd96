import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';
import { Network } from '../constructs/network.js';
import { VoyagerStack } from './voyager-stack.js';

/** `voyager-network-<env>`: the VPC, subnets, routes, task security group and optional NAT / endpoints. */
export class NetworkStack extends VoyagerStack {
  readonly network: Network;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, 'network', config);
    this.network = new Network(this, 'network', {
      ...config.network,
      name: this.physicalName('network'),
      region: config.region,
    });
  }
}
