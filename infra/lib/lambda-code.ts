/**
 * Lambda code, bundled at synth with the shared esbuild options (scripts/bundle.ts),
 * so CDK deploys byte for byte what `npm run build` and the bench produce.
 *
 * Why `Code.fromAsset` with a local bundling hook and not `NodejsFunction`:
 * NodejsFunction drives the esbuild CLI from its own option set, which would be a
 * second copy of the options to keep in step; this calls the same esbuild JS API
 * with the same object. Tests skip bundling with the standard context key
 * `aws:cdk:bundling-stacks: []`; `cdk synth` bundles for real.
 */
import { dirname } from 'node:path';
import { AssetHashType, type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { bundleSync } from '../../scripts/bundle.ts';
import type { LambdaSpec } from './functions.ts';

/** esbuild in-process. Its public fields (entry, id) are part of CDK's asset cache key. */
class EsbuildLocalBundling implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly id: string,
  ) {}

  tryBundle(outputDir: string, _options: BundlingOptions): boolean {
    bundleSync(this.entry, this.id, outputDir);
    return true;
  }
}

export function bundledCode(spec: LambdaSpec): lambda.Code {
  return lambda.Code.fromAsset(dirname(spec.entry), {
    // The bundle, not the handlers folder, decides when a function is redeployed.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new EsbuildLocalBundling(spec.entry, spec.id),
      // Required by the API; never pulled, since local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      command: ['echo', `bundled locally with esbuild: ${spec.id}`],
    },
  });
}
