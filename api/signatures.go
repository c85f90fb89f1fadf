package api

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
)

// Digital signatures over the API: the list of a dossier's documents with the
// signatures of each, the flow of a person who signs outside tdkt (take the document
// to sign, give back the signed copy), and the check of any signed PDF. See
// docs/signatures.md.

// signatureJSON is one signature of a PDF, as tdkt verify prints it.
type signatureJSON struct {
	Signer              string `json:"signer" doc:"Tên (CN) trong chứng thư số của người ký"`
	Organisation        string `json:"organisation" doc:"Tổ chức (O) trong chứng thư số"`
	SignedAt            string `json:"signed_at" doc:"Thời điểm ký, RFC 3339"`
	Valid               bool   `json:"valid" doc:"Chữ ký khớp với phần nội dung đã ký"`
	CoversWholeDocument bool   `json:"covers_whole_document" doc:"Sau chữ ký không có nội dung nào được thêm, trừ các chữ ký sau"`
	Trusted             bool   `json:"trusted" doc:"Chứng thư số dẫn về một chứng thư gốc quản trị viên đã cài, còn hạn khi ký, không bị thu hồi"`
	Revoked             bool   `json:"revoked" doc:"Chứng thư số có trong danh sách thu hồi (CRL) đã tải lên"`
	Reason              string `json:"reason,omitempty" doc:"Vì sao chữ ký không hợp lệ hoặc không được tin cậy"`
}

// pdfSignatures is the answer of POST /verify: one file's signatures.
type pdfSignatures struct {
	File       string          `json:"file"`
	Signatures []signatureJSON `json:"signatures"`
}

// documentJSON is one document of a dossier.
type documentJSON struct {
	Kind       string          `json:"kind" api:"enum=documentKind" doc:"decision, submission, report, certificate hoặc attachment"`
	Name       string          `json:"name"`
	URL        string          `json:"url" doc:"Đường dẫn tải về (bản đã ký số nếu có)"`
	Signed     bool            `json:"signed"`
	Signatures []signatureJSON `json:"signatures"`
}

type documentList struct {
	Items []documentJSON `json:"items"`
}

func toSignatures(rs []pades.Result) []signatureJSON {
	out := make([]signatureJSON, 0, len(rs))
	for _, r := range rs {
		s := signatureJSON{Signer: r.Signer, Organisation: r.Organisation, Valid: r.Valid, CoversWholeDocument: r.CoversWholeDocument,
			Trusted: r.Trusted, Revoked: r.Revoked, Reason: r.Reason}
		if !r.SignedAt.IsZero() {
			s.SignedAt = r.SignedAt.UTC().Format(time.RFC3339)
		}
		out = append(out, s)
	}
	return out
}

func (h *handlers) signatureRoutes() []route {
	return []route{
		{Method: "GET", Path: prefix + "/dossiers/{id}/documents", Handle: h.listDocuments, Op: operation{ID: "listDossierDocuments", Tag: tagDossiers,
			Summary: "Các văn bản của hồ sơ (tờ trình, báo cáo thành tích, quyết định, bằng khen, tài liệu đính kèm) với chữ ký số của từng văn bản", Resp: "DocumentList"}},
		{Method: "GET", Path: prefix + "/dossiers/{id}/signing/{doc}", Raw: h.documentToSign, Op: operation{ID: "getDocumentToSign", Tag: tagDossiers,
			Summary: "Tải văn bản về để ký số (doc: quyet-dinh, to-trinh, bao-cao-<mã người được đề nghị>): bản đã phát hành, hoặc bản đã có chữ ký trước"}},
		{Method: "POST", Path: prefix + "/dossiers/{id}/signing/{doc}", Raw: h.acceptSigned, Op: operation{ID: "uploadSignedDocument", Tag: tagDossiers,
			Summary: "Gửi lại bản PDF đã ký số: phải là đúng văn bản đã tải về, thêm chữ ký hợp lệ; cơ quan đóng dấu số nếu quản trị viên đã giao",
			Resp:    "DocumentEntry", Conflict: true}},
		{Method: "POST", Path: prefix + "/verify", Raw: h.verifyPDF, Op: operation{ID: "verifyPDF", Tag: tagDossiers,
			Summary: "Kiểm tra chữ ký số của một tệp PDF (nội dung yêu cầu là tệp PDF, tối đa 10 MB) theo kho chứng thư gốc của cài đặt", Resp: "PDFSignatures"}},
	}
}

func (h *handlers) listDocuments(r *http.Request, a *tdkt.Account) (any, error) {
	id, err := pathID(r, dossierWhat)
	if err != nil {
		return nil, err
	}
	docs, err := h.svc.DossierDocuments(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	base := prefix + "/dossiers/" + strconv.FormatInt(id, 10) + "/"
	out := documentList{Items: []documentJSON{}}
	for _, d := range docs {
		u := base + "documents/" + d.Path
		if d.Kind == "attachment" {
			u = base + d.Path
		}
		out.Items = append(out.Items, documentJSON{Kind: d.Kind, Name: d.Name, URL: u, Signed: d.Signed, Signatures: toSignatures(d.Signatures)})
	}
	return out, nil
}

func (h *handlers) documentToSign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, dossierWhat)
	var ref core.DocRef
	if err == nil {
		ref, err = core.DossierDocRef(id, r.PathValue("doc"))
	}
	var name string
	var data []byte
	if err == nil {
		name, data, err = h.svc.PrepareForSigning(r.Context(), core.Actor(r.Context()), ref)
	}
	if err != nil {
		writeError(w, r, err)
		return
	}
	download(w, name, "application/pdf", data)
}

// readPDF reads a request body of at most core.MaxAttachment bytes.
func readPDF(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r.Body, core.MaxAttachment+1))
	if err != nil {
		return nil, badRequest("Không đọc được nội dung tệp.")
	}
	if len(b) > core.MaxAttachment {
		return nil, &tdkt.Error{Code: tdkt.EInvalid, Message: "Tệp lớn quá 10 MB.", Fields: map[string]string{"file": "Tệp lớn quá 10 MB."}}
	}
	return b, nil
}

func (h *handlers) acceptSigned(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, dossierWhat)
	var ref core.DocRef
	if err == nil {
		ref, err = core.DossierDocRef(id, r.PathValue("doc"))
	}
	var b []byte
	if err == nil {
		b, err = readPDF(r)
	}
	if err == nil {
		doc, err := h.svc.AcceptSigned(r.Context(), core.Actor(r.Context()), ref, b)
		if err == nil {
			writeJSON(w, http.StatusOK, documentJSON{Kind: doc.Kind, Name: doc.Name,
				URL:    prefix + "/dossiers/" + strconv.FormatInt(id, 10) + "/documents/" + r.PathValue("doc") + ".pdf",
				Signed: true, Signatures: toSignatures(core.DocumentSignatures(doc))})
			return
		}
		writeError(w, r, err)
		return
	}
	writeError(w, r, err)
}

func (h *handlers) verifyPDF(w http.ResponseWriter, r *http.Request) {
	b, err := readPDF(r)
	var rs []pades.Result
	if err == nil {
		rs, err = h.svc.VerifyPDF(r.Context(), b)
	}
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pdfSignatures{File: r.URL.Query().Get("name"), Signatures: toSignatures(rs)})
}
