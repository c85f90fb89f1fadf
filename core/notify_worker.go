package core

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"tdkt"
	"tdkt/notify"
	"tdkt/sqldb"
	"tdkt/vn"
)

// The delivery worker. Every `tdkt serve` process runs one; they share the outbox
// through leases as the job workers do, so a delivery is sent by one of them.

// deliveryLease is how long a pass holds what it claimed. A pass stops sending at
// half of it and gives the rest back, so that a slow mail server never lets a lease
// run out under a message being sent (another process would send it again).
const deliveryLease = 5 * time.Minute

// deliveryBackoff are the waits after each failed attempt; after the last the
// delivery is failed for good (and shown as such in the delivery log).
var deliveryBackoff = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour}

// DeliverNotifications runs one pass of the worker: it claims the due deliveries
// (PerPass at most) under owner's lease, groups those that would exceed a person's
// hourly limit (and a person's morning digest) into one message, sends, and records
// each outcome: sent, or a retry after the backoff, or failed (at once for a
// notify.Permanent error). It returns how many deliveries went out (grouped ones
// included).
func (s *Service) DeliverNotifications(ctx context.Context, owner string) (sent int, err error) {
	start := time.Now()
	now := s.Now().UTC()
	var waiting bool
	if err := s.DB.View(ctx, func(tx *sqldb.Tx) (err error) {
		waiting, err = tx.DeliveriesWaiting(ctx, stampOf(now))
		return err
	}); err != nil || !waiting {
		return 0, err
	}
	var claimed []sqldb.Outgoing
	recent := map[string]map[[2]string]sqldb.SentCount{}
	err = s.DB.Update(ctx, func(tx *sqldb.Tx) (err error) {
		claimed, err = tx.ClaimDeliveries(ctx, owner, stampOf(now), stampOf(now.Add(deliveryLease)), s.Notify.perPass())
		return err
	})
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	var chans map[string]notify.Channel
	err = s.DB.View(ctx, func(tx *sqldb.Tx) error {
		if chans, err = s.liveChannels(ctx, tx); err != nil {
			return err
		}
		for _, ch := range []string{"email", "webhook"} {
			if recent[ch], err = tx.SentSince(ctx, ch, stampOf(now.Add(-time.Hour))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, s.releaseAll(ctx, owner, claimed, now)
	}
	batches, later := s.planDeliveries(claimed, recent, chans, now)
	for _, l := range later {
		if err := s.DB.Update(ctx, func(tx *sqldb.Tx) error { return tx.ReleaseDelivery(ctx, l.id, owner, l.next) }); err != nil {
			return sent, err
		}
	}
	for i, b := range batches {
		if ctx.Err() != nil || time.Since(start) > deliveryLease/2 {
			var rest []sqldb.Outgoing
			for _, b := range batches[i:] {
				rest = append(rest, b.all...)
			}
			return sent, s.releaseAll(context.WithoutCancel(ctx), owner, rest, now)
		}
		n, err := s.deliver(ctx, owner, b)
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// batch is one message to send: its deliveries (the first carries the others).
type batch struct {
	channel notify.Channel
	all     []sqldb.Outgoing
	msg     notify.Message
}

type postponed struct {
	id   int64
	next string
}

// planDeliveries turns claimed deliveries into messages. Per channel, person and
// kind, a group that fits the hour's allowance goes one by one; a larger group goes
// as one message listing them; when the hour's allowance is spent, the group waits
// until the oldest message of the hour is an hour old (and is then grouped). Morning
// digests go as one message per person and channel; security notices always alone.
func (s *Service) planDeliveries(claimed []sqldb.Outgoing, recent map[string]map[[2]string]sqldb.SentCount, chans map[string]notify.Channel, now time.Time) (out []batch, later []postponed) {
	type key struct {
		channel string
		account int64
		kind    string
	}
	var order []key
	groups := map[key][]sqldb.Outgoing{}
	for _, o := range claimed {
		k := key{o.Channel, o.Notification.AccountID, o.Notification.Kind}
		switch {
		case o.Notification.Security:
			k.kind = "security:" + strconv.FormatInt(o.ID, 10)
		case o.Daily:
			k.kind = "daily"
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], o)
	}
	limit := s.Notify.perHour()
	for _, k := range order {
		g := groups[k]
		ch := chans[k.channel]
		if ch == nil {
			// The channel was turned off since: the deliveries wait for it (an hour
			// at a time) rather than fail.
			for _, o := range g {
				later = append(later, postponed{o.ID, stampOf(now.Add(time.Hour))})
			}
			continue
		}
		if strings.HasPrefix(k.kind, "security:") || k.kind == "daily" {
			out = append(out, batch{ch, g, s.message(g[0], g)})
			continue
		}
		c := recent[k.channel][[2]string{strconv.FormatInt(k.account, 10), k.kind}]
		allowance := limit - c.N
		switch {
		case len(g) <= allowance:
			for _, o := range g {
				out = append(out, batch{ch, []sqldb.Outgoing{o}, s.message(o, nil)})
			}
		case allowance >= 1:
			out = append(out, batch{ch, g, s.message(g[0], g)})
		default:
			next := stampOf(ParseStamp(c.Oldest).Add(time.Hour))
			for _, o := range g {
				later = append(later, postponed{o.ID, next})
			}
		}
	}
	return out, later
}

// message builds the message of a delivery, or of a group it carries.
func (s *Service) message(o sqldb.Outgoing, group []sqldb.Outgoing) notify.Message {
	n := o.Notification
	base := strings.TrimRight(s.Notify.BaseURL, "/")
	fp := s.Fingerprint()
	if fp == "" {
		fp = "local"
	}
	m := notify.Message{ID: "tdkt-" + fp + "-" + strconv.FormatInt(o.ID, 10), Kind: n.Kind,
		To: notify.Recipient{Login: o.Login, Name: o.Name, Email: o.Email}, Subject: n.Title, Text: n.Body,
		Link: base + n.Link, PrefsURL: base + "/app/account/notifications", Reason: n.Reason, At: rfc3339(n.CreatedAt), Security: n.Security}
	if o.SecretLink != "" {
		m.Link = o.SecretLink
	}
	if len(group) > 1 {
		label, _, _ := kindInfo(n.Kind)
		if o.Daily {
			m.Kind, label = "digest", "thông báo trong ngày"
		}
		m.Subject = vn.NFC(strconv.Itoa(len(group)) + " thông báo: " + label)
		m.Link = base + "/app/notifications"
		var b strings.Builder
		b.WriteString(vn.NFC("Bạn có " + strconv.Itoa(len(group)) + " thông báo mới (" + label + "):\n"))
		for _, x := range group {
			m.Items = append(m.Items, notify.Item{Subject: x.Notification.Title, Link: base + x.Notification.Link})
			b.WriteString("\n- " + x.Notification.Title)
		}
		m.Text = b.String()
	}
	return m
}

func rfc3339(stamp string) string {
	t := ParseStamp(stamp)
	if t.IsZero() {
		return stamp
	}
	return t.UTC().Format(time.RFC3339)
}

// deliver sends one message and records its outcome; it returns how many
// deliveries went out. A failure to send is not an error of the pass.
func (s *Service) deliver(ctx context.Context, owner string, b batch) (int, error) {
	sendErr := b.channel.Send(ctx, b.msg)
	bg := context.WithoutCancel(ctx)
	now := s.Now().UTC()
	err := s.DB.Update(bg, func(tx *sqldb.Tx) error {
		if sendErr == nil {
			carrier := b.all[0].ID
			if err := lost(tx.MarkDeliverySent(bg, carrier, owner, stampOf(now), b.msg.ID)); err != nil {
				return err
			}
			for _, o := range b.all[1:] {
				if err := lost(tx.MarkDeliveryGrouped(bg, o.ID, owner, stampOf(now), carrier)); err != nil {
					return err
				}
			}
			return nil
		}
		msg := shorten(sendErr.Error(), 500)
		var perm notify.Permanent
		for _, o := range b.all {
			final := errors.As(sendErr, &perm) || o.Attempts >= len(deliveryBackoff)
			next := stampOf(now)
			if !final {
				next = stampOf(now.Add(deliveryBackoff[o.Attempts]))
			}
			if err := lost(tx.RetryDelivery(bg, o.ID, owner, next, msg, final)); err != nil {
				return err
			}
		}
		return nil
	})
	if sendErr != nil {
		return 0, err
	}
	return len(b.all), err
}

// lost forgives a lease that another worker took over (it sends the delivery then).
func lost(err error) error {
	if tdkt.CodeOf(err) == tdkt.EConflict {
		return nil
	}
	return err
}

// releaseAll gives back claimed deliveries unsent, due at once.
func (s *Service) releaseAll(ctx context.Context, owner string, list []sqldb.Outgoing, now time.Time) error {
	return s.DB.Update(ctx, func(tx *sqldb.Tx) error {
		for _, o := range list {
			if err := tx.ReleaseDelivery(ctx, o.ID, owner, stampOf(now)); err != nil {
				return err
			}
		}
		return nil
	})
}

// RunNotifications runs the worker until ctx ends: a pass every interval (at once
// again while a pass fills its PerPass), and the daily deadline pass once a day
// (DeadlinePass is idempotent, so every process may run it).
func (s *Service) RunNotifications(ctx context.Context, every time.Duration, owner string) {
	if every <= 0 {
		every = 30 * time.Second
	}
	lastDay := ""
	for ctx.Err() == nil {
		if day, _ := s.today(); day != lastDay {
			if _, err := s.DeadlinePass(ctx); err != nil {
				s.logNotify("deadline pass", err)
			} else {
				lastDay = day
			}
		}
		n, err := s.DeliverNotifications(ctx, owner)
		if err != nil {
			s.logNotify("notification worker", err)
		}
		if err == nil && n >= s.Notify.perPass() {
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(every):
		}
	}
}

func (s *Service) logNotify(what string, err error) {
	if s.Notify.Log != nil && !errors.Is(err, context.Canceled) {
		s.Notify.Log.Error(what, "err", err)
	}
}
