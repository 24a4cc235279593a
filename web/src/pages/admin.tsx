/** Placeholder: being built. */
import { PageTitle } from '../components/layout';

export default function Page() {
  return <PageTitle>Đang xây dựng</PageTitle>;
}
