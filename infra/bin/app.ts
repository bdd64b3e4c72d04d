/**
 * The CDK app (`cdk synth`, `cdk deploy`): `-c stage=dev|prod`, default dev.
 * Account and region come from the CLI's CDK_DEFAULT_* when it resolved them;
 * synth needs no AWS account or credentials.
 */
import { buildApp } from '../lib/app.ts';

buildApp().app.synth();
