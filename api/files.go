package api

import (
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/core"
)

// The documents and attachments of a dossier over the API: the documents tdkt drafts
// (the proposal letter with its list, each achievement report) as PDF or Word, and the
// files attached by the unit or the level holding the dossier, with their SHA-256.

func (h *handlers) fileRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/dossiers/{id}/documents/{name}", Raw: h.dossierDocument, Op: operation{ID: "getDossierDocument", Tag: tagDossiers,
			Summary: "Văn bản của hồ sơ do hệ thống lập: to-trinh.pdf|docx (tờ trình kèm danh sách), bao-cao-<mã người được đề nghị>.pdf|docx (báo cáo thành tích), quyet-dinh.pdf|docx (quyết định), bang-<mã bằng>.pdf (bằng, giấy khen); bản PDF là bản đã ký số khi có"}},
		{Method: "GET", Path: prefix + "/dossiers/{id}/files/{fid}", Raw: h.dossierFile, Op: operation{ID: "getDossierFile", Tag: tagDossiers,
			Summary: "Tải một tài liệu đính kèm của hồ sơ (danh sách ở trường files của hồ sơ)"}},
		{Method: "POST", Path: prefix + "/dossiers/{id}/files", Raw: h.attachFile, Op: operation{ID: "attachDossierFile", Tag: tagDossiers,
			Summary: "Đính kèm một tài liệu: nội dung là tệp PDF, DOCX, PNG hoặc JPEG (tối đa 10 MB, kiểm tra theo nội dung); tên tệp ở tham số name, loại ở kind",
			Query:   []param{{"name", "string", "Tên tệp, ví dụ xac-nhan-sang-kien.pdf"}, {"kind", "string", "Loại tài liệu; mặc định khac"}},
			Status:  http.StatusCreated, Resp: "DossierFile"}},
	}
}

func (h *handlers) dossierDocument(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		writeError(w, r, err)
		return
	}
	name := r.PathValue("name")
	ext := path.Ext(name)
	kind, format := strings.TrimSuffix(name, ext), strings.TrimPrefix(ext, ".")
	if kind == "" || format != "pdf" && format != "docx" {
		writeError(w, r, tdkt.NotFound("văn bản"))
		return
	}
	var n, ctype string
	var data []byte
	if cid, ok := strings.CutPrefix(kind, "bang-"); ok && format == "pdf" {
		// a certificate of the dossier's decision, with the verification link of this site
		c, _ := strconv.ParseInt(cid, 10, 64)
		scheme := "http://"
		if r.TLS != nil {
			scheme = "https://"
		}
		ctype = "application/pdf"
		n, data, err = h.svc.DossierCertificatePDF(r.Context(), core.Actor(r.Context()), id, c, scheme+r.Host)
	} else {
		n, ctype, data, err = h.svc.DossierDocument(r.Context(), core.Actor(r.Context()), id, kind, format)
	}
	if err != nil {
		writeError(w, r, err)
		return
	}
	download(w, n, ctype, data)
}

func (h *handlers) dossierFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		writeError(w, r, err)
		return
	}
	fid, err := pathInt(r, "fid", "tài liệu")
	if err != nil {
		writeError(w, r, err)
		return
	}
	f, data, err := h.svc.FileContent(r.Context(), core.Actor(r.Context()), id, fid)
	if err != nil {
		writeError(w, r, err)
		return
	}
	download(w, f.Name, f.Mime, data)
}

func (h *handlers) attachFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		writeError(w, r, err)
		return
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, core.MaxAttachment+1))
	if err != nil {
		writeError(w, r, badRequest("Không đọc được nội dung tệp."))
		return
	}
	q := r.URL.Query()
	f, err := h.svc.AttachFile(r.Context(), core.Actor(r.Context()), id, q.Get("kind"), q.Get("name"), b)
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toFile(f))
}

// download answers a file with its name (UTF-8 names as RFC 6266 asks).
func download(w http.ResponseWriter, name, ctype string, data []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
