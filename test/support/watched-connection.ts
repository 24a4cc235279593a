/** Repositories on a connection of their own whose every database command is kept, for tests of what a read sends. */
import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { createRepositories, type Repositories } from '../../src/db';
import { serverAddresses } from './harness';

/** A watched connection to `dbName`: its repositories, the commands sent so far (clear it to start again), close. */
export async function watchedConnection(
  dbName: string,
): Promise<{ repos: Repositories; commands: CommandStartedEvent[]; close: () => Promise<void> }> {
  const conn = mongoose.createConnection(serverAddresses().mongoUri, { dbName, monitorCommands: true });
  await conn.asPromise();
  const commands: CommandStartedEvent[] = [];
  conn.getClient().on('commandStarted', (e) => commands.push(e));
  return { repos: createRepositories(conn), commands, close: () => conn.close() };
}
