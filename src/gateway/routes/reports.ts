/** The movement's summary report: figures for a chosen period, and the report issued as a document (BC-UBND). */
import { z } from 'zod';
import { summaryData } from '../../reports/summary';
import { documentFile } from '../answers';
import { workflowCall } from '../cases';
import type { GatewayDeps } from '../deps';
import { ProblemError } from '../problem';
import { route, type Route } from '../registry';
import { isoDate } from '../schemas';

const period = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: 'Ngày bắt đầu phải trước ngày kết thúc', path: ['to'] });
const REPORTERS = ['SUPERVISOR', 'CHAIRMAN'] as const;
const counts = z.record(z.string(), z.number());
/** The figures of SummaryData (src/reports/summary.ts). */
const summarySchema = z.object({
  from: z.string(),
  to: z.string(),
  filed: z.number(),
  byUnit: counts,
  byStage: counts,
  byStatus: counts,
  recognised: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      unitId: z.string(),
      authors: z.string(),
      decisionNumber: z.string().nullable(),
      decisionDate: z.string().nullable(),
    }),
  ),
  replication: z.object({ initiatives: z.number(), adoptingUnits: z.number() }),
  effect: z.object({ effective: z.number(), notEffective: z.number(), monetaryBenefitVnd: z.number() }),
});

/** Report routes. */
export function reportRoutes(deps: GatewayDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/api/v1/reports/summary',
      summary: 'Số liệu tổng kết phong trào trong một khoảng thời gian',
      tag: 'Báo cáo',
      access: REPORTERS,
      query: period,
      success: {
        status: 200,
        description: 'Số liệu',
        schema: summarySchema,
      },
      handler: async ({ query }) => ({
        status: 200,
        body: await summaryData(deps.repos, query.from, query.to),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/reports/summary',
      summary: 'Lập báo cáo tổng kết (văn bản BC-UBND) cho một khoảng thời gian',
      tag: 'Báo cáo',
      access: REPORTERS,
      body: period,
      success: {
        status: 201,
        description: 'Đã lập báo cáo',
        schema: z.object({ documentId: z.string(), number: z.string().nullable() }),
      },
      handler: async ({ body }) => {
        const result = await workflowCall<{ documentId: string; number: string | null }>(() =>
          deps.initiatives.client.workflow.execute('summaryReportWorkflow', {
            workflowId: `summary-report:${body.from}:${body.to}:${Date.now()}`,
            taskQueue: deps.initiatives.taskQueue,
            args: [{ from: body.from, to: body.to }],
          }),
        );
        return { status: 201, body: result };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/reports/documents/:docId/:format',
      summary: 'Tải báo cáo tổng kết (PDF hoặc DOCX)',
      tag: 'Báo cáo',
      access: REPORTERS,
      params: z.strictObject({
        docId: z.string().regex(/^report:\d{4}-\d{2}-\d{2}:\d{4}-\d{2}-\d{2}$/),
        format: z.enum(['pdf', 'docx']),
      }),
      errors: [404],
      success: { status: 200, description: 'Tệp', schema: z.string(), mediaType: 'application/octet-stream' },
      handler: async ({ params }) => {
        const doc = await deps.repos.documents.byKey(params.docId);
        if (!doc) throw new ProblemError(404, 'DOCUMENT_NOT_FOUND', 'Không tìm thấy báo cáo.');
        return documentFile(doc, params.format, 'bao-cao-tong-ket');
      },
    }),
  ];
}
