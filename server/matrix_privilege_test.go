package server_test

import "testing"

func privilegeCases(t *testing.T, w *world) int { return 0 }
