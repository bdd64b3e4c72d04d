import { dbFromEnv } from '@congdoan/ddb';
import { createDisciplineInbox } from '../adapters/discipline-inbox.ts';
import type { DisciplineDeps } from '../app/discipline/apply.ts';
import { committeeDeps } from './committee-deps.ts';
import { membershipDeps } from './deps.ts';

let deps: DisciplineDeps | undefined;

/** The discipline consumer's composition root: members, committees, and its inbox. */
export function disciplineDeps(): DisciplineDeps {
  deps ??= {
    ...membershipDeps(),
    committees: committeeDeps(),
    inbox: createDisciplineInbox(dbFromEnv('membership')),
  };
  return deps;
}
