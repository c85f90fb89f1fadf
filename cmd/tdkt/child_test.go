package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// childArgsEnv carries the command line of the program when the test binary runs as
// tdkt in a child process; the fields are separated by childArgsSep.
const (
	childArgsEnv = "TDKT_TEST_CHILD_ARGS"
	childArgsSep = "\x1f"
)

// TestChildProcess is not a test of its own: it is the entry point through which the
// test binary runs as the tdkt program in a separate process (kill_test.go needs a
// real process to kill with SIGKILL). Re-executing the test binary rather than
// running "go build" keeps the crash tests free of the toolchain and of a second link.
func TestChildProcess(t *testing.T) {
	args := os.Getenv(childArgsEnv)
	if args == "" {
		t.Skip("runs only as the child process started by childCommand")
	}
	os.Args = append([]string{"tdkt"}, strings.Split(args, childArgsSep)...)
	main() // ends the process itself on an error
	os.Exit(0)
}

// childCommand returns a command that runs "tdkt args…" in a separate process with
// the given environment added to the test's own.
func childCommand(env map[string]string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(args, childArgsSep))
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}
