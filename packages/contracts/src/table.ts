/**
 * The shape of a service's table, shared by CDK and the local platform so that
 * both build the same thing. Every service uses one single-table design with
 * generic key names; the keys themselves are built in each service's adapters.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  /** Logical name, the owning service's name. */
  name: string;
  partitionKey: string;
  sortKey: string;
  indexes: readonly IndexDefinition[];
  /** Items carrying this attribute (epoch seconds) expire. */
  ttlAttribute: string;
  /** The stream feeds the outbox pipe; NEW_IMAGE carries the outbox item. */
  stream: 'NEW_IMAGE';
}

export function serviceTable(service: string): TableDefinition {
  return {
    name: service,
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    ],
    ttlAttribute: 'ttl',
    stream: 'NEW_IMAGE',
  };
}

/** Environment variable through which a function learns its table's physical name. */
export function tableEnvVar(service: string): string {
  return `TABLE_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
