// Browser tests wait on a real browser, a real gateway and real servers on a shared 2-core machine.
jest.setTimeout(120_000);
