/**
 * The Lambda proxy integration of one service's HTTP function, shared by all its routes,
 * with ONE invoke permission for API Gateway instead of one per route.
 *
 * `HttpLambdaIntegration` grants per route by default: 46 routes made 46 statements on
 * the function's resource policy, near Lambda's 20 KB. aws-cdk-lib's own switch,
 * `scopePermissionToRoute: false` (aws/aws-cdk#36021, for #19535), grants once but for
 * any stage, method and path of the API. This keeps the single statement and narrows it
 * to the service's own paths, through the hook CDK provides for exactly this work
 * (`HttpRouteIntegration.completeBind`: "adding permissions for the API to access the
 * target"), so no route is ever written out by hand.
 */
import { Stack } from 'aws-cdk-lib';
import type { HttpRouteIntegrationBindOptions } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/** The path every route of a service lives under (the contract test holds manifests to it). */
export function servicePathPrefix(service: string): string {
  return `/v1/${service}/`;
}

export class ServiceHttpIntegration extends HttpLambdaIntegration {
  private granted = false;

  /**
   * @param scope where the permission is created (the service's construct, in its stack)
   * @param service every route bound must live under `/v1/<service>/`
   */
  constructor(
    id: string,
    private readonly fn: lambda.IFunction,
    private readonly scope: Construct,
    private readonly service: string,
  ) {
    super(id, fn);
  }

  protected override completeBind(options: HttpRouteIntegrationBindOptions): void {
    const { route } = options;
    const prefix = servicePathPrefix(this.service);
    if (!route.path?.startsWith(prefix)) {
      throw new Error(
        `${this.service}: the route ${route.path} is not under ${prefix}, which its invoke permission covers.`,
      );
    }
    if (this.granted) return;
    this.granted = true;
    this.fn.addPermission('ApiInvoke', {
      scope: this.scope,
      principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      // <api>/<stage>/<method>/<path>: any stage and method, this service's paths only.
      sourceArn: Stack.of(this.scope).formatArn({
        service: 'execute-api',
        resource: route.httpApi.apiId,
        resourceName: `*/*${prefix}*`,
      }),
    });
  }
}
