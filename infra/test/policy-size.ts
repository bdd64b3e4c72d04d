/**
 * The size of each function's resource-based policy as Lambda would store it: one statement
 * per `AWS::Lambda::Permission` of any stack that names the function, rendered as Lambda
 * renders `GetPolicy` (Sid = CloudFormation's physical id of the permission, the function's
 * ARN as Resource, SourceArn / SourceAccount as conditions), with tokens replaced by values
 * at least as long as real ones. Lambda refuses a policy over 20 KB (20,480 bytes).
 */
import type { TemplateJson } from '../lib/index.ts';

const REGION = 'ap-southeast-1';
const ACCOUNT = '123456789012';
/** Stands for any id or name another stack holds (`Fn::GetStackOutput`): longer than an API id (10). */
const FOREIGN = 'x'.repeat(32);
/** CloudFormation's random suffix on a physical id (`-` and 12 characters). */
const SUFFIX = `-${'X'.repeat(12)}`;

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

const NAME_PROPERTIES = ['FunctionName', 'Name', 'QueueName', 'TopicName', 'TableName', 'RoleName'];

/** A resource's physical name: the one the template sets, or CloudFormation's `<stack>-<id>-<suffix>`. */
function physicalName(stackName: string, id: string, resource: Resource | undefined): string {
  for (const key of NAME_PROPERTIES) {
    const value = resource?.Properties?.[key];
    if (typeof value === 'string') return value;
  }
  return `${stackName}-${id}${SUFFIX}`.slice(0, 64);
}

function arnOf(stackName: string, id: string, resource: Resource | undefined): string {
  const name = physicalName(stackName, id, resource);
  switch (resource?.Type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
    case 'AWS::Events::Rule':
      return `arn:aws:events:${REGION}:${ACCOUNT}:rule/${FOREIGN}/${name}`;
    case 'AWS::Cognito::UserPool':
      return `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_${'X'.repeat(9)}`;
    default:
      return `arn:aws:${FOREIGN}:${REGION}:${ACCOUNT}:${FOREIGN}/${name}`;
  }
}

/** A CloudFormation value as the string it becomes, with realistic stand-ins for what is only known at deploy. */
function render(value: unknown, stackName: string, resources: Record<string, Resource>): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || typeof value !== 'object') return '';
  const obj = value as Record<string, unknown>;
  if (typeof obj.Ref === 'string') {
    if (obj.Ref === 'AWS::Region') return REGION;
    if (obj.Ref === 'AWS::AccountId') return ACCOUNT;
    if (obj.Ref === 'AWS::Partition') return 'aws';
    if (obj.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
    return physicalName(stackName, obj.Ref, resources[obj.Ref]);
  }
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    const [id, attribute] = getAtt as [string, string];
    return attribute === 'Arn' ? arnOf(stackName, id, resources[id]) : FOREIGN;
  }
  const join = obj['Fn::Join'];
  if (Array.isArray(join)) {
    const [separator, parts] = join as [string, unknown[]];
    return parts.map((part) => render(part, stackName, resources)).join(separator);
  }
  if ('Fn::GetStackOutput' in obj || 'Fn::ImportValue' in obj) return FOREIGN;
  const sub = obj['Fn::Sub'];
  if (typeof sub === 'string') return sub.replace(/\$\{[^}]+\}/g, FOREIGN);
  throw new Error(`Cannot render ${JSON.stringify(value)}`);
}

/** The function's name in an ARN or a name, as permissions give it. */
function functionNameOf(rendered: string): string {
  const match = /:function:([^:]+)/.exec(rendered);
  return match ? match[1]! : rendered;
}

/** Per function name: the policy document Lambda would hold, serialised, and its statements. */
export function resourcePolicies(
  stacks: readonly { stackName: string; template: TemplateJson }[],
): Map<string, { statements: number; bytes: number }> {
  const statements = new Map<string, Record<string, unknown>[]>();
  for (const { stackName, template } of stacks) {
    const resources = (template.Resources ?? {}) as Record<string, Resource>;
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::Lambda::Permission') continue;
      const p = resource.Properties ?? {};
      const functionArn = render(p.FunctionName, stackName, resources);
      const name = functionNameOf(functionArn);
      const condition: Record<string, Record<string, string>> = {};
      if (p.SourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': render(p.SourceArn, stackName, resources) };
      if (p.SourceAccount !== undefined)
        condition.StringEquals = { 'AWS:SourceAccount': render(p.SourceAccount, stackName, resources) };
      const statement = {
        Sid: `${stackName}-${id}${SUFFIX}`,
        Effect: 'Allow',
        Principal: { Service: render(p.Principal, stackName, resources) },
        Action: render(p.Action, stackName, resources),
        Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
        ...(Object.keys(condition).length > 0 && { Condition: condition }),
      };
      statements.set(name, [...(statements.get(name) ?? []), statement]);
    }
  }
  return new Map(
    [...statements].map(([name, list]) => [
      name,
      {
        statements: list.length,
        bytes: Buffer.byteLength(JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: list })),
      },
    ]),
  );
}
