/**
 * Lambda code: the directory `npm run build` wrote for the function
 * (`dist/lambdas/<id>/`: index.mjs, its chunks and source maps, bundled by
 * scripts/bundle.ts), deployed as it is, so CDK deploys byte for byte what was
 * built and what the bench measured. cdk.json's app builds first, so `cdk synth`
 * and `cdk deploy` never pick up a stale bundle.
 *
 * The directory is taken through a local bundling step that copies it, rather than
 * `Code.fromAsset(dist/lambdas/<id>)` itself, so that tests, which skip bundling
 * with the standard context key `aws:cdk:bundling-stacks: []`, need no build and
 * never hash or copy bundles. The asset's nominal source is the repository root:
 * CDK wants one that exists, yet with local bundling and an OUTPUT hash it neither
 * reads nor fingerprints it, so a function needs no handler folder of its own
 * (a mounted package's handler, or a test's synthetic service, has none).
 */
import { cpSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AssetHashType, type BundlingOptions, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BUNDLE_FILE, lambdasDistDir, repoRoot } from '../../scripts/bundle.ts';
import type { LambdaSpec } from './functions.ts';

/** The prebuilt bundle directory of one function. Its public field is part of CDK's asset cache key. */
class PrebuiltBundle implements ILocalBundling {
  constructor(readonly id: string) {}

  tryBundle(outputDir: string, _options: BundlingOptions): boolean {
    const dir = join(lambdasDistDir, this.id);
    if (!existsSync(join(dir, BUNDLE_FILE))) {
      throw new Error(
        `${relative(repoRoot, dir)}/${BUNDLE_FILE} is missing: run \`npm run build\` (cdk.json's app and \`npm run synth\` do).`,
      );
    }
    cpSync(dir, outputDir, { recursive: true });
    return true;
  }
}

export function bundledCode(spec: LambdaSpec): lambda.Code {
  return lambda.Code.fromAsset(repoRoot, {
    // The bundle, not the handlers folder, decides when a function is redeployed.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new PrebuiltBundle(spec.id),
      // Required by the API; never pulled, since local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('congdoan-prebuilt-lambda'),
      command: ['echo', `prebuilt by npm run build: ${spec.id}`],
    },
  });
}
