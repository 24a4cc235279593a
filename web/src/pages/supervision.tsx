/**
 * Giám sát: the stuck-case board (filters kept in the address, so reload and back keep them), bulk "Nhắc việc" and
 * "Gia hạn" with a reason, counts and time per stage as bar charts with their numbers, and the summary report. Each
 * section is its own file in supervision/.
 */
import { PageTitle } from '../components/layout';
import { StuckBoard } from './supervision/board';
import { ReportSection } from './supervision/report';
import { StatsSection } from './supervision/statistics';
import { DeliveriesSection } from './supervision/deliveries';

export default function SupervisionPage() {
  return (
    <>
      <PageTitle lead="Tìm hồ sơ ách tắc, quá hạn; nhắc việc, gia hạn có lý do; số liệu và báo cáo tổng kết.">
        Giám sát
      </PageTitle>
      <nav aria-label="Trên trang này" className="page-toc">
        <a href="#ach-tac">Hồ sơ ách tắc</a>
        <a href="#so-lieu">Số liệu</a>
        <a href="#bao-cao">Báo cáo tổng kết</a>
        <a href="#thong-bao">Thông báo chưa gửi được</a>
      </nav>
      <StuckBoard />
      <StatsSection />
      <ReportSection />
      <DeliveriesSection />
    </>
  );
}
