/** Which database errors answer 503 "try again" rather than 500 (found by the fault-injection suite on FerretDB). */
import { MongoServerError, MongoTopologyClosedError } from 'mongodb';
import { isDatabaseUnavailable } from '../../src/gateway/problem';

const serverError = (message: string, code?: number) =>
  new MongoServerError({ message, ...(code !== undefined ? { code } : {}) });

test('when the database is busy, shutting down or stepping down, then it is unavailable (503), not an internal error', () => {
  expect(isDatabaseUnavailable(serverError('[collection.go:177] database is locked (5) (SQLITE_BUSY)'))).toBe(
    true,
  );
  expect(
    isDatabaseUnavailable(
      serverError('[db.go:167] sql: transaction has already been committed or rolled back'),
    ),
  ).toBe(true);
  // FerretDB stopping with an insert in flight (a CI run of the fault suite saw it as a 500).
  expect(
    isDatabaseUnavailable(
      serverError(
        '[msg_insert.go:168 handler.(*Handler).MsgInsert] [db.go:134 fsql.(*DB).InTransaction] context canceled',
        1,
      ),
    ),
  ).toBe(true);
  expect(isDatabaseUnavailable(serverError('interrupted at shutdown', 11600))).toBe(true);
  expect(isDatabaseUnavailable(serverError('not primary', 10107))).toBe(true);
  expect(
    isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoNetworkError' })),
  ).toBe(true);
  // In flight on a connection that the watchdog closed to reopen it (the fault suite saw 16 such 500s at once).
  expect(isDatabaseUnavailable(new MongoTopologyClosedError())).toBe(true);
  // Writing to a socket the server had just closed, and the pool cleared after it (the instant FerretDB stopped).
  expect(isDatabaseUnavailable(new Error('This socket has been ended by the other party'))).toBe(true);
  expect(
    isDatabaseUnavailable(
      Object.assign(
        new Error('Connection pool for 127.0.0.1:45035 was cleared because another operation failed'),
        {
          name: 'MongoPoolClearedError',
        },
      ),
    ),
  ).toBe(true);
});

test('when the database refuses an operation for good, then it is not taken for an outage', () => {
  expect(isDatabaseUnavailable(serverError('E11000 duplicate key error', 11000))).toBe(false);
  expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
  expect(isDatabaseUnavailable('not an error')).toBe(false);
});
