package core

import (
	"context"

	"tdkt/sqldb"
)

// SetPasswordChecked makes tests count the passwords a Service checks.
func SetPasswordChecked(s *Service, fn func()) { s.passwordChecked = fn }

// NotifyForTest writes one event of kind to the accounts in one transaction, as a use
// case does, and returns how many notifications it added.
func NotifyForTest(ctx context.Context, s *Service, kind, key, title string, accountIDs ...int64) (n int, err error) {
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		var people []sqldb.Recipient
		for _, id := range accountIDs {
			r, err := tx.RecipientByID(ctx, id)
			if err != nil {
				return err
			}
			people = append(people, r)
		}
		n, err = s.notify(ctx, tx, event{kind: kind, key: key, title: title, body: "Nội dung thử.", link: "/app/inbox",
			to: []audience{{people: people, reason: "Bạn nhận thông báo này để thử."}}})
		return err
	})
	return n, err
}
