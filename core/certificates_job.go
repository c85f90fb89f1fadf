package core

import (
	"context"
	"encoding/json"
	"fmt"

	"tdkt"
	"tdkt/sqldb"
)

// JobCertificates prints every certificate of a decision into one PDF in the
// background: a provincial decision for thousands of people takes minutes, longer
// than a page should wait.
const JobCertificates = "certificates"

// certificatesJob is the payload of a certificates job.
type certificatesJob struct {
	DossierID int64  `json:"dossier_id"`
	BaseURL   string `json:"base_url"` // for the verification links printed as QR codes
	// Signed asks for each certificate as its own PDF sealed with the organisation's
	// certificate, in a zip, instead of one PDF to print.
	Signed bool `json:"signed,omitempty"`
}

// StartCertificatesJob queues the printing of a decided dossier's certificates.
func (s *Service) StartCertificatesJob(ctx context.Context, actor *tdkt.Account, dossierID int64, baseURL string, signed bool) (id int64, err error) {
	_, certs, err := s.Certificates(ctx, actor, dossierID) // the account may see them, and there are some
	if err != nil {
		return 0, err
	}
	// Printing a decision's papers is the issuing office's work, not a viewer's or a
	// council member's: a job takes a worker for a while.
	if !actor.CanEditRecords() && actor.Role != tdkt.RoleLeader {
		return 0, tdkt.Forbidden()
	}
	if len(certs) == 0 {
		return 0, invalid("dossier", "Hồ sơ chưa có bằng, giấy khen nào để in.")
	}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		d, _, _, err := loadDossier(ctx, tx, actor, dossierID)
		if err != nil {
			return err
		}
		if signed {
			dec, err := tx.DecisionOfDossier(ctx, dossierID)
			if err != nil {
				return err
			}
			if on, err := s.sealsFor(ctx, tx, dec.OrgID, "certificate"); err != nil || !on {
				if err == nil {
					err = tdkt.Errorf(tdkt.EConflict, "Cài đặt chưa được giao ký số bằng, giấy khen của đơn vị ban hành quyết định này.")
				}
				return err
			}
		}
		payload, _ := json.Marshal(certificatesJob{DossierID: dossierID, BaseURL: baseURL, Signed: signed})
		id, err = s.enqueue(ctx, tx, actor, JobCertificates, d.OrgID, string(payload), int64(len(certs)))
		return err
	})
	return id, err
}

// runCertificates is the certificates job: the PDF as its file.
func (s *Service) runCertificates(ctx context.Context, run *JobRun) (string, error) {
	var p certificatesJob
	actor, err := s.jobInput(ctx, run, &p)
	if err != nil {
		return "", err
	}
	print, verb := s.certificatesPDF, "Đã in"
	if p.Signed {
		print, verb = s.signedCertificates, "Đã in và ký số"
	}
	name, data, err := print(ctx, actor, p.DossierID, p.BaseURL, func(done, total int) {
		run.Progress(int64(done), int64(total), fmt.Sprintf("%s %d/%d bằng, giấy khen…", verb, done, total))
	})
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	run.SetFile(name, data)
	done, total, _ := run.Snapshot()
	run.Progress(done, total, fmt.Sprintf("%s %d bằng, giấy khen.", verb, total))
	b, _ := json.Marshal(map[string]int64{"certificates": total})
	return string(b), nil
}
