/**
 * Authentication: passwords hashed with argon2, short-lived signed access tokens (JWT, HS256) that carry identity,
 * roles and scopes, refresh tokens that rotate, and sessions that logout revokes (checked on every request).
 */
import crypto from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config';
import type { Actor, Role } from '../contracts/initiative';
import type { DirectoryRepository, PersonRecord } from '../db/directory';
import type { SessionRepository } from '../db/sessions';
import { secretFile } from '../secret-file';

/** Tokens handed to a signed-in person. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Hashes a password (argon2id with the library's defaults, which follow OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password);
}

/** The signing secret: AUTH_SECRET, or (embedded mode) a random one kept in the data folder, never in the repo. */
export function resolveAuthSecret(config: Config): string {
  return (
    config.auth.secret ??
    secretFile(config.dataDir, 'auth-secret', () => crypto.randomBytes(48).toString('base64url'))
  );
}

/** Signs people in and out and checks their tokens. */
export class AuthService {
  private readonly key: Uint8Array;
  // A hash to verify against when the username is unknown, so both cases take the same time.
  private readonly dummyHash: Promise<string> = hashPassword(crypto.randomBytes(16).toString('hex'));

  constructor(
    secret: string,
    private readonly directory: DirectoryRepository,
    private readonly sessions: SessionRepository,
    readonly ttl: { accessSeconds: number; refreshSeconds: number },
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Checks the password and opens a session; null when the username or password is wrong or the account inactive. */
  async login(
    username: string,
    password: string,
  ): Promise<{ tokens: TokenPair; person: PersonRecord } | null> {
    const person = await this.checkPassword(username, password);
    if (!person) return null;
    const { sessionId, refreshToken } = await this.sessions.open(person._id, this.ttl.refreshSeconds * 1000);
    return { tokens: await this.pair(person, sessionId, refreshToken), person };
  }

  /** The active person with this username and password, or null; opens no session (HTTP Basic for operators). */
  async checkPassword(username: string, password: string): Promise<PersonRecord | null> {
    const person = await this.directory.byUsername(username);
    const ok = await argon2Verify(person?.passwordHash ?? (await this.dummyHash), password).catch(
      () => false,
    );
    return person && ok && person.active ? person : null;
  }

  /** A new token pair for a valid refresh token (which stops working); null otherwise. */
  async refresh(refreshToken: string): Promise<TokenPair | null> {
    const rotated = await this.sessions.rotate(refreshToken);
    if (!rotated) return null;
    const person = await this.directory.byId(rotated.personId);
    if (!person?.active) {
      await this.sessions.revoke(rotated.sessionId);
      return null;
    }
    return this.pair(person, rotated.sessionId, rotated.refreshToken);
  }

  /** Ends a session: its access and refresh tokens stop working at once. */
  logout(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId);
  }

  /** The actor of a valid access token whose session is still open, or null. */
  async verify(token: string): Promise<{ actor: Actor; sessionId: string } | null> {
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'sang-kien' }));
    } catch {
      return null; // bad signature, expired, malformed: not signed in
    }
    const sessionId = payload['sid'];
    if (typeof sessionId !== 'string' || typeof payload.sub !== 'string') return null;
    // A database outage here is an outage (503), not a reason to say the person is signed out.
    if (!(await this.sessions.isActive(sessionId))) return null;
    return {
      sessionId,
      actor: {
        personId: payload.sub,
        fullName: typeof payload['name'] === 'string' ? payload['name'] : '',
        roles: (payload['roles'] as Role[] | undefined) ?? [],
        unitIds: (payload['units'] as string[] | undefined) ?? [],
        councilIds: (payload['councils'] as string[] | undefined) ?? [],
      },
    };
  }

  private async pair(person: PersonRecord, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await new SignJWT({
      sid: sessionId,
      name: person.fullName,
      roles: person.roles,
      units: person.unitIds,
      councils: person.councilIds,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(person._id)
      .setIssuer('sang-kien')
      .setIssuedAt()
      .setExpirationTime(`${this.ttl.accessSeconds}s`)
      .sign(this.key);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.ttl.accessSeconds };
  }
}
