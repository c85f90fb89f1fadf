package demo

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress prints one line per phase. On a terminal the line is rewritten in place
// (\r) about five times a second; elsewhere (a log file, CI) a line is printed at
// every tenth of the way, so that logs stay short.
type progress struct {
	w        io.Writer
	terminal bool
	name     string
	total    int
	started  time.Time
	last     time.Time
	tenth    int
	begun    time.Time // when the demo began: notes say how far in they start
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, begun: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) start(name string, total int) {
	if p == nil || p.w == nil {
		return
	}
	p.name, p.total, p.started, p.tenth = name, max(total, 1), time.Now(), 0
	p.last = time.Time{}
	p.update(0)
}

func (p *progress) update(done int) {
	if p == nil || p.w == nil {
		return
	}
	pct := 100 * done / p.total
	if p.terminal {
		if now := time.Now(); now.Sub(p.last) >= 200*time.Millisecond || done >= p.total {
			p.last = now
			fmt.Fprintf(p.w, "\r%-28s %3d %% (%d/%d)", p.name, pct, done, p.total)
		}
		return
	}
	if t := pct / 10; t > p.tenth || done == 0 && p.tenth == 0 && p.last.IsZero() {
		p.tenth, p.last = t, time.Now()
		fmt.Fprintf(p.w, "%s: %d %% (%d/%d)\n", p.name, pct, done, p.total)
	}
}

// end closes the phase's line with its duration.
func (p *progress) end() {
	if p == nil || p.w == nil {
		return
	}
	d := time.Since(p.started).Round(10 * time.Millisecond)
	if p.terminal {
		fmt.Fprintf(p.w, "\r%-28s 100 %% (%d/%d) %v\n", p.name, p.total, p.total, d)
		return
	}
	fmt.Fprintf(p.w, "%s: xong sau %v\n", p.name, d)
}

// note prints a step without a count (rebuilding indexes, accounts), with the time
// since the demo began, so that the steps' durations can be read off a log.
func (p *progress) note(format string, args ...any) {
	if p == nil || p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "[%5.1f s] "+format+"\n", append([]any{time.Since(p.begun).Seconds()}, args...)...)
}
