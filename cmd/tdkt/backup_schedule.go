package main

import (
	"context"
	"log/slog"
	"time"

	"tdkt/core"
)

// scheduleBackups queues the nightly backup when it is due (core.ScheduleBackup),
// looking once a minute until ctx ends; the worker runs it.
func scheduleBackups(ctx context.Context, svc *core.Service, log *slog.Logger) {
	for {
		if id, err := svc.ScheduleBackup(ctx); err != nil && ctx.Err() == nil {
			log.Error("schedule backup", "err", err)
		} else if id != 0 {
			log.Info("nightly backup queued", "job", id)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute):
		}
	}
}
