package core

import (
	"context"
	"sync"

	"tdkt/sqldb"
)

// batchWidth is how many ids one read covers: large enough that the range scans per
// batch cost little, small enough to keep memory flat.
const batchWidth = 4000

// batchReaders is how many batches are read at once. Reading rows is most of the
// work of a whole-country list, so two readers keep both cores of a small server busy
// while the caller evaluates in order.
const batchReaders = 2

// inBatches reads the rows of table in id ranges (lo, hi] of batchWidth, each range in
// its own read transaction, with batchReaders readers at once (read may also do the
// CPU work of its batch there), and hands the results to fn strictly in id order. At
// most 2×batchReaders batches are held at a time.
func inBatches[T any](ctx context.Context, db *sqldb.DB, table string, read func(tx *sqldb.Tx, lo, hi int64) (T, error), fn func(T) error) error {
	var maxID int64
	if err := db.ViewReplica(ctx, func(tx *sqldb.Tx) (err error) {
		maxID, err = tx.MaxID(ctx, table)
		return err
	}); err != nil || maxID == 0 {
		return err
	}
	n := int((maxID + batchWidth - 1) / batchWidth)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		k     int
		batch T
		err   error
	}
	results := make(chan result, 2*batchReaders)
	tokens := make(chan struct{}, 2*batchReaders) // bounds the batches read ahead
	var mu sync.Mutex
	next := 0
	var wg sync.WaitGroup
	for r := 0; r < batchReaders; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case tokens <- struct{}{}:
				case <-ctx.Done():
					return
				}
				mu.Lock()
				k := next
				next++
				mu.Unlock()
				if k >= n {
					return
				}
				var res result
				res.k = k
				res.err = db.ViewReplica(ctx, func(tx *sqldb.Tx) (err error) {
					res.batch, err = read(tx, int64(k)*batchWidth, int64(k+1)*batchWidth)
					return err
				})
				select {
				case results <- res:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	pending := map[int]result{}
	for want := 0; want < n; {
		res, ok := <-results
		if !ok {
			return ctx.Err()
		}
		pending[res.k] = res
		for {
			r, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			<-tokens
			if r.err != nil {
				return r.err
			}
			if err := fn(r.batch); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}
