/** Unknown address. */
import { Link } from 'react-router';
import { PageTitle } from '../components/layout';

export default function NotFoundPage() {
  return (
    <>
      <PageTitle lead="Địa chỉ này không có trong hệ thống, hoặc hồ sơ đã được chuyển.">
        Không tìm thấy trang
      </PageTitle>
      <p>
        <Link to="/">Về trang Việc cần làm</Link> ·{' '}
        <Link to="/cong-khai">Xem các sáng kiến được công nhận</Link>
      </p>
    </>
  );
}
