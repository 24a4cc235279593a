/** Placeholder: being built. */
import { PageTitle } from '../components/layout';

export function InboxPage() {
  return <PageTitle>Việc cần làm</PageTitle>;
}
