package web

import (
	"math"
	"net/http"
	"strings"

	"tdkt"
	"tdkt/core"
	"tdkt/vn"
)

// Every list of the staff application downloads as CSV or XLSX from its own address
// with ?format=csv or ?format=xlsx: the same filters, every matching row rather than
// one page, streamed. The page shows the two links (listDownloads). Text cells that a
// spreadsheet would run as a formula are neutralised by the sheet package.

// listDownloads are the download links of a list page, its filters kept.
type listDownloads struct{ CSV, XLSX string }

// downloadsFor builds the links for the list at r.
func downloadsFor(r *http.Request) *listDownloads {
	return &listDownloads{CSV: withFormat(r, "csv"), XLSX: withFormat(r, "xlsx")}
}

// yesNo writes a flag as the Vietnamese word.
func yesNo(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}

var peopleHeader = []string{"Mã", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Nhóm đối tượng", "Chức vụ", "Lãnh đạo, quản lý", "Đơn vị", "Ngày tuyển dụng"}

// peopleExport writes the people list: the citizen ID stays out of it, as it stays
// off the list page (it is private; the person's page shows it to those who may see it).
func (h *handler) peopleExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format, q, org string) {
	h.sheetExport(w, r, format, "Danh sách cá nhân", "Cá nhân", peopleHeader, func(row func(...any) error) error {
		return h.svc.EachPerson(r.Context(), actor, q, org, func(p tdkt.Person) error {
			return row(p.ID, p.FullName, tdkt.Label(string(p.Sex)), vn.FormatDate(p.BirthDate), p.Ethnicity, tdkt.Label(string(p.Group)),
				p.Position, yesNo(p.Leader), p.OrgName, vn.FormatDate(p.HiredOn))
		})
	})
}

func (h *handler) collectiveExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format, q string) {
	h.sheetExport(w, r, format, "Danh sách tập thể", "Tập thể", []string{"Mã", "Tên tập thể", "Loại", "Đơn vị quản lý"},
		func(row func(...any) error) error {
			return h.svc.EachCollective(r.Context(), actor, q, func(c tdkt.CollectiveUnit) error {
				kind := "Cơ quan, đơn vị, tổ chức"
				if c.Enterprise {
					kind = "Doanh nghiệp"
				}
				return row(c.ID, c.Name, kind, c.OrgName)
			})
		})
}

func (h *handler) householdExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format, q string) {
	h.sheetExport(w, r, format, "Danh sách hộ gia đình", "Hộ gia đình", []string{"Mã", "Chủ hộ", "Địa chỉ", "Xã, phường"},
		func(row func(...any) error) error {
			return h.svc.EachHousehold(r.Context(), actor, q, func(x tdkt.HouseholdRecord) error {
				return row(x.ID, x.HeadName, x.Address, x.OrgName)
			})
		})
}

var dossierHeader = []string{"Số hồ sơ", "Trích yếu", "Danh hiệu, hình thức", "Loại hình", "Năm", "Đơn vị đề nghị", "Nơi đang giữ",
	"Trạng thái", "Từ ngày", "Hạn xử lý", "Số tờ trình", "Ngày tờ trình"}

func (h *handler) dossierListExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, statuses []tdkt.DossierStatus) {
	h.sheetExport(w, r, format, "Danh sách hồ sơ khen thưởng", "Hồ sơ", dossierHeader, func(row func(...any) error) error {
		return h.svc.EachDossier(r.Context(), actor, statuses, func(d tdkt.Dossier) error {
			return row("HS-"+id64(d.ID), d.Title, tdkt.Label(d.Award), tdkt.Label(string(d.Kind)), int64(d.Year), d.OrgName, d.HolderName,
				tdkt.StatusLabelAt(d.Status, d.HolderLevel), vnTime(d.StatusSince), vn.FormatDate(d.DueOn), d.Number, vn.FormatDate(d.ProposedOn))
		})
	})
}

func (h *handler) movementExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, list []tdkt.Movement) {
	h.sheetExport(w, r, format, "Danh sách phong trào thi đua", "Phong trào", []string{"Mã", "Phong trào", "Triển khai phong trào",
		"Đơn vị phát động", "Phạm vi", "Hình thức", "Từ ngày", "Đến ngày", "Trạng thái"}, func(row func(...any) error) error {
		for _, m := range list {
			if err := row(m.ID, m.Name, m.ParentName, m.OrgName, tdkt.MovementLabels[string(m.Scope)], tdkt.MovementLabels[string(m.Method)],
				vn.FormatDate(m.StartsOn), vn.FormatDate(m.EndsOn), tdkt.MovementLabels[string(m.Status)]); err != nil {
				return err
			}
		}
		return nil
	})
}

// registrationExport writes the comparison of registrations and outcomes of a year,
// one line per registered person (core.RegistrationReport.Lines).
func (h *handler) registrationExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, year int) {
	rep, err := h.svc.RegistrationOutcomes(r.Context(), actor, year)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	h.sheetExport(w, r, format, "Đăng ký thi đua "+id64(int64(year)), "Đăng ký "+id64(int64(year)), core.RegistrationReportHeader,
		func(row func(...any) error) error {
			for _, line := range rep.Lines() {
				if err := row(line...); err != nil {
					return err
				}
			}
			return nil
		})
}

// inboxExport writes "Việc cần làm": the dossiers waiting for the account's step,
// nearest deadline first, with the steps it may take.
func (h *handler) inboxExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, box core.Inbox) {
	h.sheetExport(w, r, format, "Việc cần làm", "Việc cần làm", []string{"Số hồ sơ", "Trích yếu", "Danh hiệu, hình thức", "Năm",
		"Đơn vị đề nghị", "Trạng thái", "Từ ngày", "Hạn xử lý", "Quá hạn", "Việc có thể làm"}, func(row func(...any) error) error {
		for _, it := range box.Items {
			d := it.Dossier
			var steps []string
			for _, s := range it.Steps {
				steps = append(steps, s.LabelAt(d.HolderLevel))
			}
			if err := row("HS-"+id64(d.ID), d.Title, tdkt.Label(d.Award), int64(d.Year), d.OrgName, tdkt.StatusLabelAt(d.Status, d.HolderLevel),
				vnTime(d.StatusSince), vn.FormatDate(d.DueOn), yesNo(it.Overdue), strings.Join(steps, "; ")); err != nil {
				return err
			}
		}
		return nil
	})
}

func (h *handler) congressExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, list []tdkt.Congress) {
	h.sheetExport(w, r, format, "Danh sách đại hội thi đua", "Đại hội", []string{"Mã", "Đại hội", "Đơn vị tổ chức", "Giai đoạn",
		"Ngày tổ chức", "Địa điểm", "Số điển hình", "Trạng thái"}, func(row func(...any) error) error {
		for _, c := range list {
			if err := row(c.ID, c.Name, c.OrgName, id64(int64(c.PeriodFrom))+"–"+id64(int64(c.PeriodTo)), vn.FormatDate(c.HeldOn), c.Place,
				int64(c.Examples), c.StatusLabel()); err != nil {
				return err
			}
		}
		return nil
	})
}

func (h *handler) articleExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, list []tdkt.Article) {
	h.sheetExport(w, r, format, "Danh sách bài viết", "Tin tức", []string{"Mã", "Tiêu đề", "Chuyên mục", "Đơn vị", "Người viết",
		"Trạng thái", "Đăng từ", "Cập nhật"}, func(row func(...any) error) error {
		for _, a := range list {
			published := ""
			if a.PublishAt != "" {
				published = vnTime(a.PublishAt)
			}
			if err := row(a.ID, a.Title, a.Category, a.OrgName, a.AuthorName, a.StatusLabel(), published, vnTime(a.UpdatedAt)); err != nil {
				return err
			}
		}
		return nil
	})
}

// auditExport writes the history of changes of a person, collective or household, as
// the record's page lists it (newest first); the record must be in the subtree.
func (h *handler) auditExport(kind tdkt.SubjectKind, format string) appFunc {
	return func(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
		id, err := pathID(r, "id")
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		events, err := h.svc.Audit(r.Context(), actor, tdkt.Subject{Kind: kind, ID: id})
		if err != nil {
			h.fail(w, r, err, nil)
			return
		}
		h.sheetExport(w, r, format, "Lịch sử thay đổi "+id64(id), "Lịch sử thay đổi", []string{"Thời điểm", "Người thực hiện", "Thao tác", "Nội dung thay đổi"},
			func(row func(...any) error) error {
				for _, l := range auditLines(events) {
					if err := row(l.At, l.Actor, l.Action, l.Changes); err != nil {
						return err
					}
				}
				return nil
			})
	}
}

func (h *handler) clusterExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, list []tdkt.Cluster) {
	h.sheetExport(w, r, format, "Danh sách cụm, khối thi đua", "Cụm, khối", []string{"Mã", "Tên", "Loại", "Năm", "Đơn vị tổ chức", "Giai đoạn"},
		func(row func(...any) error) error {
			for _, c := range list {
				kind := "Cụm thi đua"
				if c.Kind == tdkt.ClusterKhoi {
					kind = "Khối thi đua"
				}
				if err := row(c.ID, c.Name, kind, int64(c.Year), c.OrgName, tdkt.StageLabels[c.Stage]); err != nil {
					return err
				}
			}
			return nil
		})
}

// councilExport writes the councils of the account's organisation, one line per member.
func (h *handler) councilExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account, format string, boxes []councilBox) {
	h.sheetExport(w, r, format, "Danh sách Hội đồng thi đua khen thưởng", "Hội đồng", []string{"Hội đồng", "Quyết định thành lập", "Từ ngày", "Đến ngày",
		"Thành viên", "Chức vụ trong Hội đồng", "Chủ tịch Hội đồng"}, func(row func(...any) error) error {
		for _, b := range boxes {
			c := b.C
			for _, m := range c.Members {
				if err := row(c.Name, c.EstablishedBy, vn.FormatDate(c.TermFrom), vn.FormatDate(c.TermTo), m.Name, m.Position, yesNo(m.Chair)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// rankingExport writes a cluster's ranking in the normalised order, with the raw
// rank and scores beside it (points rounded to two decimals).
func (h *handler) rankingExport(w http.ResponseWriter, r *http.Request, format string, v rankingView) {
	round := func(p float64) float64 { return math.Round(p*100) / 100 }
	h.sheetExport(w, r, format, "Kết quả chấm điểm "+v.Cluster.Name, "Xếp hạng", []string{"Hạng (đã hiệu chỉnh)", "Đơn vị", "Điểm đã hiệu chỉnh",
		"Hạng thô", "Điểm thô", "Số điểm nhận được", "Số điểm bất thường"}, func(row func(...any) error) error {
		for _, s := range v.Norm {
			if err := row(int64(s.S.NormRank), s.Name, round(s.S.Normalised), int64(s.S.RawRank), round(s.S.Raw), int64(s.S.Grades), int64(s.Outliers)); err != nil {
				return err
			}
		}
		return nil
	})
}
