import { isDeepStrictEqual } from 'node:util';
import { MANIFESTS } from '@congdoan/registry';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allTemplates,
  routeKeysFromTemplate,
  rulesFromTemplate,
  type SynthesizedTemplates,
  synthesizeTemplates,
} from '../lib/index.ts';

let templates: SynthesizedTemplates;

beforeAll(() => {
  templates = synthesizeTemplates();
}, 180_000);

describe('template queries for the contract tests', () => {
  it('reads back, from each service’s stack, exactly that manifest’s route keys', () => {
    for (const m of MANIFESTS) {
      expect(routeKeysFromTemplate(templates.services[m.service]!)).toEqual(
        m.routes.length > 0 ? { [m.service]: new Set(m.routes.map((r) => `${r.method} ${r.path}`)) } : {},
      );
    }
  });

  it('reads back, from each service’s stack, each subscription’s rule and pattern', () => {
    for (const manifest of MANIFESTS) {
      const rules = rulesFromTemplate(templates.services[manifest.service]!);
      expect(Object.keys(rules)).toEqual(manifest.subscriptions.length > 0 ? [manifest.service] : []);
      const deployed = rules[manifest.service] ?? [];
      expect(deployed).toHaveLength(manifest.subscriptions.length);
      for (const subscription of manifest.subscriptions) {
        expect(deployed.some((r) => isDeepStrictEqual(r.pattern, subscription.pattern))).toBe(true);
      }
    }
  });

  it('finds nothing in a template without routes or rules', () => {
    for (const template of [templates.stateful, templates.api]) {
      expect(routeKeysFromTemplate(template)).toEqual({});
      expect(rulesFromTemplate(template)).toEqual({});
    }
  });

  it('lists every stack’s template once', () => {
    expect(allTemplates(templates)).toHaveLength(2 + MANIFESTS.length);
  });
});
