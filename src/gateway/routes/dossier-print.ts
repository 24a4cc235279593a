/**
 * A case's dossier printed as the application form of TT18 Phụ lục I with its description, in PDF and DOCX, rendered
 * on demand from the read model in the issued documents' layout (src/documents/). Whoever may read the case may print
 * it, confidential parts included, as on the case page; to anyone else the case does not exist (404). A print, not an
 * issued document: no number, nothing kept, nothing written to the legal record.
 */
import { z } from 'zod';
import { DOC_FORMATS as FORMATS } from '../../documents/formats';
import { renderedFile } from '../answers';
import { applicationForm } from '../../documents/templates/application';
import { visibleCase } from '../cases';
import type { GatewayDeps } from '../deps';
import { route, type Route } from '../registry';
import { initiativeParamsSchema } from '../schemas';

/** The print routes: `…/print.pdf` and `…/print.docx`. */
export function dossierPrintRoutes(deps: GatewayDeps): Route[] {
  return (['pdf', 'docx'] as const).map((format) =>
    route({
      method: 'get',
      path: `/api/v1/initiatives/:id/print.${format}`,
      summary: `In hồ sơ (${format.toUpperCase()}): Đơn yêu cầu công nhận sáng kiến (mẫu Phụ lục I Thông tư 18/2013/TT-BKHCN) và Bản mô tả sáng kiến, theo hồ sơ hiện tại; không phải văn bản ban hành`,
      tag: 'Văn bản',
      access: 'authenticated',
      params: initiativeParamsSchema,
      errors: [404],
      success: {
        status: 200,
        description: `Tệp ${format.toUpperCase()}`,
        schema: z.string(),
        mediaType: FORMATS[format].contentType,
      },
      handler: async ({ params, actor, req }) => {
        const record = await visibleCase(deps, actor!, params.id);
        const doc = applicationForm(record.state, { commune: deps.commune });
        const answer = await renderedFile(
          doc,
          format,
          `don-yeu-cau-cong-nhan-sang-kien-${record.state.code ?? record.state.initiativeId}`,
        );
        req.log.info({ initiativeId: params.id, format }, 'dossier printed');
        return answer;
      },
    }),
  );
}
