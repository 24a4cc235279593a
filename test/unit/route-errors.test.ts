/** What every route declares about its errors, so the OpenAPI document lists every status a client can get. */
import { declaredRoutes } from '../support/routes';

test('when a route has a path parameter, then it documents 404 (an unknown or empty one matches nothing)', () => {
  const missing = declaredRoutes()
    .filter((r) => r.path.includes(':') && !(r.errors ?? []).includes(404))
    .map((r) => `${r.method} ${r.path}`);
  expect(missing).toEqual([]);
});
