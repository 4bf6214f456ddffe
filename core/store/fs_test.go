package store_test

import (
	"errors"
	"testing"

	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/fstest"
	"github.com/hack-pad/hackpadfs/mem"
	"github.com/netground/netground/core/store"
)

func newMem(tb testing.TB) *mem.FS {
	tb.Helper()
	fs, err := mem.NewFS()
	if err != nil {
		tb.Fatal(err)
	}
	return fs
}

// TestFSSuite runs hackpadfs's own file-system suite against the wrapper on mem.
func TestFSSuite(t *testing.T) {
	options := fstest.FSOptions{
		Name: "store",
		TestFS: func(tb testing.TB) fstest.SetupFS {
			return store.NewFS(newMem(tb))
		},
	}
	fstest.FS(t, options)
	fstest.File(t, options)
}

func TestFSRenameOntoDirectory(t *testing.T) {
	base := newMem(t)
	fs := store.NewFS(base)
	if err := fs.MkdirAll("d/child", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := fs.WriteFile("f", []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := fs.Rename("f", "d")
	var le *hackpadfs.LinkError
	if !errors.As(err, &le) || !errors.Is(err, hackpadfs.ErrExist) {
		t.Fatalf("Rename(f, d) = %v; want a LinkError wrapping ErrExist", err)
	}
	if _, err := fs.Stat("d/child"); err != nil {
		t.Errorf("the directory lost its child: %v", err)
	}
	if err := fs.WriteFile("d", []byte("x"), 0o600); !errors.Is(err, hackpadfs.ErrIsDir) {
		t.Errorf("WriteFile(d) = %v; want ErrIsDir", err)
	}
}

func TestFSWriteFileReplacesWhole(t *testing.T) {
	fs := store.NewFS(newMem(t))
	for _, content := range []string{"first version", "2", ""} {
		if err := fs.WriteFile("a/b.json", []byte(content), 0o600); err == nil {
			t.Fatal("WriteFile into a missing directory succeeded")
		}
	}
	if err := fs.Mkdir("a", 0o700); err != nil {
		t.Fatal(err)
	}
	for _, content := range []string{"first version", "2", ""} {
		if err := fs.WriteFile("a/b.json", []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := fs.ReadFile("a/b.json")
		if err != nil || string(got) != content {
			t.Errorf("ReadFile = %q, %v; want %q", got, err, content)
		}
		entries, _ := fs.ReadDir("a")
		if len(entries) != 1 {
			t.Errorf("after WriteFile the directory holds %d entries; want 1 (no temporary file left)", len(entries))
		}
	}
}
