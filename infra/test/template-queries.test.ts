import { isDeepStrictEqual } from 'node:util';
import { MANIFESTS } from '@congdoan/registry';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  routeKeysFromTemplate,
  rulesFromTemplate,
  type SynthesizedTemplates,
  synthesizeTemplates,
} from '../lib/index.ts';

let templates: SynthesizedTemplates;

beforeAll(() => {
  templates = synthesizeTemplates();
});

describe('template queries for the contract tests', () => {
  it('reads back, per service, exactly the manifest’s route keys', () => {
    const expected = Object.fromEntries(
      MANIFESTS.filter((m) => m.routes.length > 0).map((m) => [
        m.service,
        new Set(m.routes.map((r) => `${r.method} ${r.path}`)),
      ]),
    );
    expect(routeKeysFromTemplate(templates.stateless)).toEqual(expected);
  });

  it('reads back, per service, each subscription’s rule and pattern', () => {
    const rules = rulesFromTemplate(templates.stateless);
    for (const manifest of MANIFESTS) {
      const deployed = rules[manifest.service] ?? [];
      expect(deployed).toHaveLength(manifest.subscriptions.length);
      for (const subscription of manifest.subscriptions) {
        expect(deployed.some((r) => isDeepStrictEqual(r.pattern, subscription.pattern))).toBe(true);
      }
    }
  });

  it('finds nothing in a template without an API or rules', () => {
    expect(routeKeysFromTemplate(templates.stateful)).toEqual({});
    expect(rulesFromTemplate(templates.stateful)).toEqual({});
  });
});
