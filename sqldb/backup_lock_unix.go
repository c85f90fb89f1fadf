//go:build unix

package sqldb

import (
	"os"
	"syscall"
)

// lockFile takes an advisory lock (flock) on path, created if need be: shared for a
// serving process, exclusive for a restore. It does not wait: a lock held the other
// way is reported at once. The lock file is apart from the database because SQLite's
// own locks on the database file are POSIX locks, which any close of that file by
// this process would drop.
func lockFile(path string, exclusive bool) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, errLocked
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}
