import crypto from 'node:crypto';

/** A new session token (sent once, in the cookie) and the hash stored in its place. */
export function newSessionToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The database keeps only this, so a stolen database holds no usable session. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/** The CSRF token of a session: derived from the session token, sent back in a header. */
export function csrfTokenFor(sessionToken: string): string {
  return crypto.createHmac('sha256', sessionToken).update('vigil/csrf/v1').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A random password for accounts created without one (shown once, never stored in clear). */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}
