/** How workflowCall turns the Temporal client's transport errors into problems a person can retry. */
import { ServiceError } from '@temporalio/client';
import { workflowCall } from '../../src/gateway/cases';

/** A gRPC error as @grpc/grpc-js makes it. */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

test.each([
  [1, 'context canceled'],
  [4, 'deadline exceeded'],
  [14, 'connection refused'],
])(
  'when a query fails with gRPC code %i wrapped in a ServiceError, then it answers 503 TEMPORAL_UNAVAILABLE',
  async (code, details) => {
    const failing = () =>
      Promise.reject(new ServiceError('Failed to query Workflow', { cause: grpcError(code, details) }));
    await expect(workflowCall(failing)).rejects.toMatchObject({ status: 503, code: 'TEMPORAL_UNAVAILABLE' });
  },
);

test('when an update meets a workflow task in failed state, then it answers 503 CASE_RETRYING to send again', async () => {
  const err = new ServiceError('Workflow Update failed', {
    cause: grpcError(9, 'Unable to perform workflow execution update due to Workflow Task in failed state.'),
  });
  await expect(workflowCall(() => Promise.reject(err))).rejects.toMatchObject({
    status: 503,
    code: 'CASE_RETRYING',
  });
});

test('when a call fails with another gRPC code, then the error goes on unchanged (a 500 with the request id)', async () => {
  const err = new ServiceError('Failed', { cause: grpcError(3, 'invalid argument') });
  await expect(workflowCall(() => Promise.reject(err))).rejects.toBe(err);
});
