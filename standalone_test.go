package tdkt_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// outsidePaths are references to files beside or above the repository. They are
// built from parts so that this file does not match itself.
var outsidePaths = []string{".." + "/shared", "/" + "work/"}

// checkedExt are the kinds of file that can point at another file: code, docs,
// scripts and test data. Other files (fonts, images, workbooks) are skipped.
var checkedExt = map[string]bool{".go": true, ".md": true, ".sh": true, ".json": true, ".py": true}

// TestStandsAlone fails when a committed file refers to a path outside the
// repository: a fresh clone with nothing beside it must build, test and explain
// itself (the check format is docs/check.md, the law docs/law.md).
func TestStandsAlone(t *testing.T) {
	files := repoFiles(t)
	if len(files) == 0 {
		t.Fatal("no files found in the repository")
	}
	checked := 0
	for _, f := range files {
		if !checkedExt[filepath.Ext(f)] && !strings.HasPrefix(f, ".ci/") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range bytes.Split(b, []byte("\n")) {
			for _, p := range outsidePaths {
				if bytes.Contains(line, []byte(p)) {
					t.Errorf("%s:%d refers to %q, outside the repository: %s", f, i+1, p, bytes.TrimSpace(line))
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no Go, Markdown, shell or JSON file checked")
	}
}

// repoFiles lists the committed files (git ls-files) relative to the repository
// root, which is this package's folder; without git or outside a clone it walks
// the folder instead.
func repoFiles(t *testing.T) []string {
	t.Helper()
	if out, err := exec.Command("git", "ls-files", "-z").Output(); err == nil && len(out) > 0 {
		var files []string
		for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			if _, err := os.Stat(f); err == nil { // deleted but not yet committed
				files = append(files, f)
			}
		}
		return files
	}
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			files = append(files, filepath.ToSlash(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
