/** Registration of the app's custom search attributes on a Temporal server (idempotent). */
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../contracts/search-attributes';

/**
 * Adds the app's custom search attributes that the namespace lacks. When `required` is false a failure (no operator
 * permission, say) is reported and tolerated, for servers run by someone else.
 */
export async function registerSearchAttributes(
  address: string,
  namespace: string,
  progress: (message: string) => void,
  required: boolean,
): Promise<void> {
  const conn = await Connection.connect({ address });
  try {
    const existing = await conn.operatorService.listSearchAttributes({ namespace });
    const missing = CUSTOM_SEARCH_ATTRIBUTES.filter((k) => !(k.name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return;
    const IVT = temporal.api.enums.v1.IndexedValueType;
    const types: Record<string, temporal.api.enums.v1.IndexedValueType> = {
      KEYWORD: IVT.INDEXED_VALUE_TYPE_KEYWORD,
      TEXT: IVT.INDEXED_VALUE_TYPE_TEXT,
      INT: IVT.INDEXED_VALUE_TYPE_INT,
      DATETIME: IVT.INDEXED_VALUE_TYPE_DATETIME,
      BOOL: IVT.INDEXED_VALUE_TYPE_BOOL,
      DOUBLE: IVT.INDEXED_VALUE_TYPE_DOUBLE,
      KEYWORD_LIST: IVT.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    };
    await conn.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, types[k.type]!])),
    });
    progress(`registered search attributes: ${missing.map((k) => k.name).join(', ')}`);
  } catch (err) {
    if (required) throw err;
    progress(
      `could not register search attributes on ${address} (${(err as Error).message}); ask the operator`,
    );
  } finally {
    await conn.close();
  }
}
