/** Placeholder: being built. */
import { PageTitle } from '../components/layout';

export function PublicListPage() {
  return <PageTitle>Sáng kiến được công nhận</PageTitle>;
}
