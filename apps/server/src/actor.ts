import { readScope, type ReadScope } from '@vigil/core';
import { type FastifyRequest } from 'fastify';
import { actorOf as signedIn } from './auth/guard.js';

/** The signed-in user's name, as recorded in history and chains of custody. */
export function actorOf(request: FastifyRequest): string {
  return signedIn(request).name;
}

/** The signed-in user as the record service and audit trail record them: id, name, address. */
export function whoOf(request: FastifyRequest): { id: string; name: string; address: string } {
  const actor = signedIn(request);
  return { id: actor.id, name: actor.name, address: request.ip };
}

/** What the signed-in user may read (confidentiality levels; a lawyer's clients). */
export function scopeOf(request: FastifyRequest): ReadScope {
  return readScope(signedIn(request));
}
