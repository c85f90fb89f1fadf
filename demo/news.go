package demo

import (
	"context"
	"fmt"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// demoArticles are the news of the demo's portal, written for the demo: the commune's
// clerk writes them, the provincial leader approves them; the last is scheduled for
// the next day, and the first carries a correction.
var demoArticles = []core.ArticleInput{
	{Title: "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 34-CT/TW về công tác thi đua, khen thưởng",
		Summary:  "Ủy ban nhân dân xã tổ chức hội nghị sơ kết, đánh giá kết quả và khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
		Body:     "Sáng nay, Ủy ban nhân dân xã tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 34-CT/TW của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng.\n\n## Kết quả nổi bật\n\n- Các phong trào thi đua được phát động thường xuyên, gắn với nhiệm vụ chính trị của địa phương.\n- Khen thưởng kịp thời người lao động trực tiếp, công nhân, nông dân.\n- Hồ sơ khen thưởng được số hóa, rút ngắn thời gian xét duyệt.\n\n## Nhiệm vụ thời gian tới\n\nHội nghị thống nhất tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua; *phát hiện, bồi dưỡng và nhân rộng* các điển hình tiên tiến.",
		Category: "thi-dua-khen-thuong", Tags: "Chỉ thị 34, sơ kết"},
	{Title: "Phát động phong trào thi đua “Cả nước chung tay xây dựng nông thôn mới” năm 2026",
		Summary:  "Phát động phong trào thi đua trong toàn xã, với các chỉ tiêu cụ thể đến từng thôn.",
		Body:     "Ủy ban nhân dân xã phát động phong trào thi đua năm 2026 với các nội dung chính:\n\n1. Hoàn thành các tiêu chí nông thôn mới nâng cao.\n2. Phát triển sản xuất, nâng cao thu nhập của người dân.\n3. Giữ gìn cảnh quan môi trường xanh, sạch, đẹp.\n\n> Mỗi người dân là một chủ thể của phong trào.\n\nKết thúc năm, xã sẽ tổng kết và đề nghị khen thưởng các tập thể, cá nhân tiêu biểu.",
		Category: "phong-trao-thi-dua", Tags: "nông thôn mới, phát động"},
	{Title: "Thông báo thời hạn nộp hồ sơ đề nghị khen thưởng tổng kết năm",
		Summary:  "Các đơn vị gửi hồ sơ đề nghị khen thưởng tổng kết năm về Ủy ban nhân dân xã đúng thời hạn.",
		Body:     "Để kịp thời tổng hợp, trình cấp có thẩm quyền xét khen thưởng, đề nghị các đơn vị:\n\n- Hoàn thiện hồ sơ theo đúng thành phần quy định.\n- Gửi hồ sơ **trước ngày 15 tháng 12**.\n\nChi tiết xem tại [Luật Thi đua, khen thưởng năm 2022](https://vbpl.vn).",
		Category: "thong-bao", Tags: "hồ sơ, tổng kết năm"},
	{Title: "Lễ tuyên dương gương điển hình tiên tiến năm 2026",
		Summary:  "Xã tổ chức lễ tuyên dương các gương điển hình tiên tiến trong phong trào thi đua yêu nước.",
		Body:     "Buổi lễ nhằm ghi nhận, tôn vinh những tập thể, cá nhân có nhiều đóng góp cho sự phát triển của địa phương.",
		Category: "thi-dua-khen-thuong", Tags: "điển hình tiên tiến"},
}

// news writes the demo's articles through the use cases, as a clerk and a leader would.
func (g *gen) news(ctx context.Context, db *sqldb.DB) (int, error) {
	svc := g.service(db)
	now := g.opt.Now
	var clerk, leader tdkt.Account
	if err := db.View(ctx, func(tx *sqldb.Tx) (err error) {
		if clerk, _, err = tx.AccountByLogin(ctx, "canbo.xa"); err != nil {
			return err
		}
		leader, _, err = tx.AccountByLogin(ctx, "lanhdao")
		return err
	}); err != nil {
		return 0, err
	}
	for i, in := range demoArticles {
		// One article a day, the oldest first, so that the list has an order.
		svc.Now = func() time.Time { return now.Add(time.Duration(i-len(demoArticles)) * 24 * time.Hour) }
		x, err := svc.CreateArticle(ctx, &clerk, in)
		if err != nil {
			return i, fmt.Errorf("demo: article %q: %w", in.Title, err)
		}
		if x, err = svc.StepArticle(ctx, &clerk, x.ID, tdkt.ArticleSubmit, x.Version, time.Time{}); err != nil {
			return i, err
		}
		at := time.Time{}
		if i == len(demoArticles)-1 {
			at = now.Add(24 * time.Hour) // scheduled: shows on the portal from tomorrow
		}
		if x, err = svc.StepArticle(ctx, &leader, x.ID, tdkt.ArticleApprove, x.Version, at); err != nil {
			return i, err
		}
		if i == 0 {
			in.Version = x.Version
			in.Summary = "Ủy ban nhân dân xã tổ chức hội nghị sơ kết, đánh giá kết quả và khen thưởng 12 tập thể, 20 cá nhân có thành tích xuất sắc."
			if _, err := svc.CorrectArticle(ctx, &leader, x.ID, in, "Bổ sung số tập thể, cá nhân được khen thưởng."); err != nil {
				return i, err
			}
		}
	}
	return len(demoArticles), nil
}
