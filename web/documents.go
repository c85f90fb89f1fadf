package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"tdkt"
)

// maxUpload bounds an attachment; core checks its own limit too, this one only keeps
// a huge body from being read at all.
const maxUpload = 10 << 20

// serveFile answers with a generated or stored file as a download.
func serveFile(w http.ResponseWriter, name, ctype string, data []byte) {
	hd := w.Header()
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// splitDoc reads "to-trinh.pdf" into its kind and format.
func splitDoc(name string) (kind, format string, err error) {
	ext := path.Ext(name)
	kind, format = strings.TrimSuffix(name, ext), strings.TrimPrefix(ext, ".")
	if kind == "" || (format != "pdf" && format != "docx") {
		return "", "", tdkt.NotFound("văn bản")
	}
	return kind, format, nil
}

func (h *handler) dossierDocument(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var kind, format, name, ctype string
	var data []byte
	if err == nil {
		kind, format, err = splitDoc(r.PathValue("name"))
	}
	if err == nil {
		name, ctype, data, err = h.svc.DossierDocument(r.Context(), actor, id, kind, format)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, ctype, data)
}

func (h *handler) dossierExport(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var name string
	var data []byte
	if err == nil {
		name, data, err = h.svc.DossierExport(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, "application/zip", data)
}

func (h *handler) decisionDocument(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var format, name, ctype string
	var data []byte
	if err == nil {
		var kind string
		kind, format, err = splitDoc(r.PathValue("name"))
		if err == nil && kind != "quyet-dinh" {
			err = tdkt.NotFound("văn bản")
		}
	}
	if err == nil {
		name, ctype, data, err = h.svc.DecisionDocument(r.Context(), actor, id, format)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, ctype, data)
}

func (h *handler) certificatesPDF(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var name string
	var data []byte
	if err == nil {
		name, data, err = h.svc.CertificatesPDF(r.Context(), actor, id, h.siteBase(r))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, "application/pdf", data)
}

func (h *handler) certificatePDF(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	cid, err := pathID(r, "cid")
	var name string
	var data []byte
	if err == nil {
		name, data, err = h.svc.CertificatePDF(r.Context(), actor, cid, h.siteBase(r))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, "application/pdf", data)
}

func (h *handler) meetingDocument(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var kind, name, ctype string
	var data []byte
	if err == nil {
		var format string
		kind, format, err = splitDoc(r.PathValue("name"))
		if err == nil && format != "pdf" {
			err = tdkt.NotFound("văn bản")
		}
	}
	if err == nil {
		name, ctype, data, err = h.svc.MeetingDocument(r.Context(), actor, id, kind)
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, name, ctype, data)
}

// fileUpload attaches a document to a dossier (multipart, at most maxUpload bytes).
func (h *handler) fileUpload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	refuse := func(msg string) {
		h.showDossier(w, r, actor, http.StatusUnprocessableEntity, func(v *dossierView) {
			v.Upload.Values["kind"] = r.FormValue("kind")
			v.Upload.Errors["file"] = msg
		})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			refuse("Tệp lớn hơn 10 MB.")
			return
		}
		refuse("Không đọc được tệp gửi lên.")
		return
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		refuse("Hãy chọn tệp cần đính kèm.")
		return
	}
	defer file.Close()
	content, err := io.ReadAll(io.LimitReader(file, maxUpload+1))
	if err != nil {
		refuse("Không đọc được tệp gửi lên.")
		return
	}
	if len(content) > maxUpload {
		refuse("Tệp lớn hơn 10 MB.")
		return
	}
	// POST …/files attaches; POST …/files/{fid}/replace puts the file in place of fid.
	if fid := r.PathValue("fid"); fid != "" {
		_, err = h.svc.ReplaceFile(r.Context(), actor, id, atoi64(fid), path.Base(hdr.Filename), content)
	} else {
		_, err = h.svc.AttachFile(r.Context(), actor, id, r.FormValue("kind"), path.Base(hdr.Filename), content)
	}
	if err != nil {
		h.fail(w, r, err, func(fields map[string]string) {
			msg := fields["file"]
			for _, m := range fields {
				if msg == "" {
					msg = m
				}
			}
			if msg == "" {
				msg = messageOf(err)
			}
			refuse(msg)
		})
		return
	}
	redirectDossier(w, r, id, "files")
}

// fileRemoveForm asks before an attachment is taken off (GET …/files/{fid}/delete).
func (h *handler) fileRemoveForm(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var v dossierView
	if err == nil {
		v, err = h.dossierPage(r, actor, id)
	}
	if err == nil && !v.Editable {
		err = tdkt.Forbidden()
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	fid := atoi64(r.PathValue("fid"))
	for _, f := range v.Files {
		if f.ID == fid {
			h.render(w, r, http.StatusOK, "confirm.html", confirmView{Page: h.page(r, "Gỡ tài liệu đính kèm", "dossiers"),
				What: "tài liệu «" + f.Name + "» khỏi hồ sơ số " + id64(v.D.ID), Action: v.Base + "/files/" + id64(fid) + "/delete",
				Cancel: v.Base + "#files", Version: ""})
			return
		}
	}
	h.fail(w, r, tdkt.NotFound("tài liệu"), nil)
}

// fileRemove takes an attachment off a dossier still with its unit.
func (h *handler) fileRemove(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	if err == nil {
		_, err = h.svc.RemoveFile(r.Context(), actor, id, atoi64(r.PathValue("fid")))
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/app/dossiers/"+id64(id)+"?done=removed_file#files", http.StatusSeeOther)
}

func (h *handler) fileDownload(w http.ResponseWriter, r *http.Request, actor *tdkt.Account) {
	id, err := pathID(r, "id")
	var fid int64
	if err == nil {
		fid, err = pathID(r, "fid")
	}
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	f, data, err := h.svc.FileContent(r.Context(), actor, id, fid)
	if err != nil {
		h.fail(w, r, err, nil)
		return
	}
	serveFile(w, f.Name, f.Mime, data)
}
