package main

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tdkt"
	"tdkt/core"
	"tdkt/pades"
)

// The installation's own certificate (ký số của cơ quan, tổ chức): a PKCS#12 file
// named by TDKT_SIGNING_P12, else signing.p12 beside the audit key. Its password comes
// from TDKT_SIGNING_PASSWORD or the file TDKT_SIGNING_PASSWORD_FILE (else
// signing.password beside the PKCS#12 file): never from the database or the command
// line. Without the file, tdkt seals nothing. See docs/signatures.md.

func (e *env) signingPaths(dbURL string, p auditPaths) (p12, password string) {
	p12 = e.getenv("TDKT_SIGNING_P12")
	if p12 == "" {
		dir := e.auditDir(dbURL)
		if *p.key != "" {
			dir = filepath.Dir(*p.key)
		}
		p12 = filepath.Join(dir, "signing.p12")
	}
	password = e.getenv("TDKT_SIGNING_PASSWORD_FILE")
	if password == "" {
		password = filepath.Join(filepath.Dir(p12), "signing.password")
	}
	return p12, password
}

// signingConfig loads the installation's certificate; no file is no certificate.
func (e *env) signingConfig(dbURL string, p auditPaths) (core.SigningConfig, error) {
	p12Path, pwPath := e.signingPaths(dbURL, p)
	data, err := os.ReadFile(p12Path)
	if errors.Is(err, fs.ErrNotExist) && e.getenv("TDKT_SIGNING_P12") == "" {
		return core.SigningConfig{}, nil
	}
	if err != nil {
		return core.SigningConfig{}, fmt.Errorf("chứng thư số của cơ quan %s: %w", p12Path, err)
	}
	password := e.getenv("TDKT_SIGNING_PASSWORD")
	if password == "" {
		b, err := os.ReadFile(pwPath)
		if err != nil {
			return core.SigningConfig{}, fmt.Errorf("mật khẩu chứng thư số của cơ quan: đặt TDKT_SIGNING_PASSWORD hoặc tệp %s: %w", pwPath, err)
		}
		password = strings.TrimRight(string(b), "\r\n")
	}
	signer, err := pades.LoadPKCS12(data, password)
	if err != nil {
		return core.SigningConfig{}, fmt.Errorf("chứng thư số của cơ quan %s: %w", p12Path, err)
	}
	return core.SigningConfig{Signer: signer, Demo: isDemoCertificate(signer.Chain()[0])}, nil
}

// isDemoCertificate tells the certificates tdkt demo makes: their subject says so.
func isDemoCertificate(c *x509.Certificate) bool {
	return strings.Contains(strings.Join(c.Subject.OrganizationalUnit, " "), "demo")
}

// parseCertificates reads every certificate of a PEM file, or one DER certificate.
func parseCertificates(b []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		c, err := x509.ParseCertificate(b)
		if err != nil {
			return nil, errors.New("không đọc được chứng thư số (PEM hoặc DER)")
		}
		out = append(out, c)
	}
	return out, nil
}

// errorText is an error's message without the error type's decoration.
func errorText(err error) string {
	var te *tdkt.Error
	if errors.As(err, &te) {
		msg := te.Message
		for _, f := range te.Fields {
			msg += " " + f
		}
		return msg
	}
	return err.Error()
}

// verify prints, for each PDF file, one JSON object with its signatures checked
// against the installation's trust store (with --db) or against none.
func (e *env) verify(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("verify", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	dbURL := fset.String("db", "", "cơ sở dữ liệu có kho chứng thư gốc tin cậy (không có thì không chứng thư nào được tin cậy)")
	roots := fset.String("roots", "", "tệp PEM các chứng thư gốc tin cậy, thêm vào kho của cơ sở dữ liệu")
	if err := fset.Parse(args); err != nil || fset.NArg() == 0 {
		fmt.Fprintln(e.stderr, "Cách dùng: tdkt verify [--db URL] [--roots FILE.pem] FILE.pdf …")
		return exitError(2)
	}
	verify := func(data []byte) ([]pades.Result, error) {
		return pades.Verify(data, &pades.Trust{}, time.Now())
	}
	var extra []*x509.Certificate
	if *roots != "" {
		b, err := os.ReadFile(*roots)
		if err != nil {
			return err
		}
		if extra, err = parseCertificates(b); err != nil {
			return fmt.Errorf("%s: %w", *roots, err)
		}
		verify = func(data []byte) ([]pades.Result, error) {
			return pades.Verify(data, &pades.Trust{Roots: extra}, time.Now())
		}
	}
	if *dbURL != "" {
		db, err := e.openDB(ctx, *dbURL)
		if err != nil {
			return err
		}
		defer db.Close()
		svc := core.New(db)
		verify = func(data []byte) ([]pades.Result, error) { return svc.VerifyPDFWith(ctx, data, extra) }
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed := false
	for _, name := range fset.Args() {
		out := struct {
			File       string         `json:"file"`
			Signatures []pades.Result `json:"signatures"`
			Error      string         `json:"error,omitempty"`
		}{File: name, Signatures: []pades.Result{}}
		data, err := os.ReadFile(name)
		if err == nil {
			var rs []pades.Result
			if rs, err = verify(data); err == nil {
				out.Signatures = rs
			}
		}
		if err != nil {
			out.Error, failed = errorText(err), true
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if failed {
		return exitError(1)
	}
	return nil
}

// demoSigning gives the demo installation a certificate of its own: a demo root, an
// intermediate and the province's certificate, written as signing.p12 with its
// password in signing.password (both readable by the owner only), the root installed
// as a demo root, and the province's decisions sealed. An installation that already
// has a certificate keeps it.
func (e *env) demoSigning(ctx context.Context, svc *core.Service, dbURL string, p auditPaths) error {
	p12Path, pwPath := e.signingPaths(dbURL, p)
	if _, err := os.Stat(p12Path); err == nil {
		return nil
	}
	org, err := svc.DemoSigningOrg(ctx)
	if err != nil {
		return err
	}
	root, _, leaf, err := pades.DemoChain("Chủ tịch "+org.Name, org.Name, time.Now().AddDate(-2, 0, 0))
	if err != nil {
		return err
	}
	b := make([]byte, 18)
	rand.Read(b)
	password := base64.RawURLEncoding.EncodeToString(b)
	data, err := pades.EncodePKCS12(leaf, password)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p12Path), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(pwPath, []byte(password+"\n"), 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(p12Path, data, 0o600); err != nil {
		return err
	}
	if svc.Signing, err = e.signingConfig(dbURL, p); err != nil {
		return err
	}
	n, err := svc.DemoSigning(ctx, root, org.ID)
	if err != nil {
		return err
	}
	e.say("Chứng thư số thử nghiệm (demo) của %s: %s; đã ký số %d quyết định (xem docs/signatures.md).\n", org.Name, p12Path, n)
	return nil
}
