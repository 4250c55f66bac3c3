/**
 * log_deployment's body for a `version` another tool deployed to `environment`, succeeded: the
 * stable a later canary there is compared with.
 */
export function externalDeployment(environment: string, version: string) {
  return {
    action: 'log_deployment',
    deployment: { deployment_id: `external-${version}`, environment, version, status: 'succeeded' },
  };
}
