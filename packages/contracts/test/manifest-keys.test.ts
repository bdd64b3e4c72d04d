import { describe, expect, it } from 'vitest';
import { defineManifest, keyDefinitionProblems, keyEnvVars, type ServiceManifest, serviceTable } from '../src/index.ts';

const base: ServiceManifest = {
  service: 'inspection',
  table: serviceTable('inspection'),
  http: { file: 'http', export: 'handler' },
  routes: [],
  subscriptions: [
    {
      name: 'inspection-ubkt-seats',
      description: 'seats',
      pattern: { source: ['congdoan.membership'] },
      handler: { file: 'events', export: 'onAppointment' },
    },
  ],
  schedules: [],
  publishes: [],
};

describe('a manifest’s keys', () => {
  it('reach their functions in two variables named after the service and the key', () => {
    expect(keyEnvVars('inspection', 'identity')).toEqual({
      kmsKeyId: 'INSPECTION_IDENTITY_KMS_KEY_ID',
      localKey: 'INSPECTION_IDENTITY_KEY',
    });
    expect(keyEnvVars('welfare', 'health-records').localKey).toBe('WELFARE_HEALTH_RECORDS_KEY');
  });

  it('are used by the HTTP function or a subscription or schedule the manifest has', () => {
    const keys = [{ name: 'identity', description: 'd', usedBy: ['http', 'inspection-ubkt-seats'] }];
    expect(keyDefinitionProblems({ ...base, keys })).toEqual([]);
    expect(defineManifest({ ...base, keys }).keys).toEqual(keys);
  });

  it('refuse a bad or repeated name and a function the manifest does not have', () => {
    const keys = [
      { name: 'Identity', description: 'd', usedBy: ['http'] },
      { name: 'identity', description: 'd', usedBy: ['http'] },
      { name: 'identity', description: 'd', usedBy: ['inspection-typo'] },
      { name: 'unused', description: 'd', usedBy: [] },
    ];
    expect(keyDefinitionProblems({ ...base, keys })).toEqual([
      'key "Identity": a key name is lower-case letters, digits and dashes',
      'two keys are named "identity"',
      'key "identity" names "inspection-typo", which is neither http nor a subscription or schedule',
      'key "unused" is used by no function',
    ]);
    expect(() => defineManifest({ ...base, keys })).toThrow(/^inspection: key "Identity"/);
  });
});
