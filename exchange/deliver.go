package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Receipt is the receiver's answer to a package it accepted.
type Receipt struct {
	ID     string `json:"id"`     // the manifest's ID
	Result string `json:"result"` // ResultApplied | ResultDuplicate
}

// The results of a receipt.
const (
	ResultApplied   = "applied"   // first delivery: the receiver applied the message
	ResultDuplicate = "duplicate" // the receiver had this ID already and ignored it
)

// maxAnswer bounds what is read of an inbox's answer.
const maxAnswer = 64 << 10

// defaultClient is used when Deliver is given none: a package of MaxPackage bytes
// takes minutes on a slow provincial link, yet a stuck peer must not hold a worker.
var defaultClient = &http.Client{Timeout: 10 * time.Minute}

// temporary marks a failed delivery that is worth retrying.
type temporary struct{ err error }

func (t *temporary) Error() string { return "exchange: delivery failed, will retry: " + t.err.Error() }
func (t *temporary) Unwrap() error { return t.err }

// IsTemporary reports whether a delivery failed for a reason that may pass (network,
// timeout, 5xx, an answer that is not the protocol's), so that the sender retries
// after Backoff. A *Refusal is permanent.
func IsTemporary(err error) bool {
	var t *temporary
	return errors.As(err, &t)
}

// Deliver POSTs pkg to inboxURL with Content-Type application/zip. 200 with a receipt
// gives the receipt. A 4xx with the JSON body {"error":{"code":…,"message":…}} gives a
// *Refusal: permanent, do not retry (except 408 and 429, which ask to come back later).
// Any other outcome (network error, 5xx, timeout, an unreadable answer) gives an
// error that IsTemporary reports true. A nil client means one with a 10-minute timeout.
func Deliver(ctx context.Context, client *http.Client, inboxURL string, pkg []byte) (Receipt, error) {
	if client == nil {
		client = defaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, inboxURL, bytes.NewReader(pkg))
	if err != nil {
		// A malformed address is retried too: the operator mends the peer's address
		// and the waiting packages go out with the next attempt.
		return Receipt{}, &temporary{fmt.Errorf("inbox address %q: %w", inboxURL, err)}
	}
	req.Header.Set("Content-Type", "application/zip")
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return Receipt{}, &temporary{err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return Receipt{}, &temporary{err}
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		var rc Receipt
		if err := json.Unmarshal(body, &rc); err != nil || rc.ID == "" || rc.Result != ResultApplied && rc.Result != ResultDuplicate {
			return Receipt{}, &temporary{fmt.Errorf("%s answered 200 without a receipt", inboxURL)}
		}
		return rc, nil
	case resp.StatusCode >= 400 && resp.StatusCode < 500 &&
		resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests:
		var b errorBody
		if err := json.Unmarshal(body, &b); err == nil && b.Error.Code != "" {
			return Receipt{}, &Refusal{Code: b.Error.Code, Message: b.Error.Message}
		}
		// A 4xx without the protocol's body comes from something in front of the
		// inbox (a proxy, a wrong path during a migration): not the receiver's word.
		return Receipt{}, &temporary{fmt.Errorf("%s answered %s without a refusal", inboxURL, resp.Status)}
	default:
		return Receipt{}, &temporary{fmt.Errorf("%s answered %s", inboxURL, resp.Status)}
	}
}

// Backoff is the wait before attempt n (n ≥ 1) of a failed delivery: 30 s, doubling,
// capped at 6 h (reached at attempt 11). n < 1 counts as 1.
func Backoff(n int) time.Duration {
	const first, ceiling = 30 * time.Second, 6 * time.Hour
	d := first
	for i := 1; i < n && d < ceiling; i++ {
		d *= 2
	}
	return min(d, ceiling)
}
