/** Who did something: a gateway or admin API key, an officer, the system (jobs), or an operator at the CLI. */
export interface Actor {
  kind: 'api-key' | 'officer' | 'system' | 'cli';
  id: string;
  name: string;
  role: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', name: 'system', role: 'system' };

export function actorLabel(actor: Actor): string {
  return `${actor.kind}:${actor.name}`;
}
