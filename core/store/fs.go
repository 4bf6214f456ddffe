package store

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"path"
	"strings"
	"time"

	"github.com/hack-pad/hackpadfs"
)

// FS is the file system under a [Library]: a hackpadfs.FS whose writes replace a file whole
// and whose renames never replace a directory. Every other operation is the base file
// system's.
//
// WriteFile writes a temporary file next to the target (named "." + its name + a random part + ".tmp") and
// renames it over the target, keeping the target's permissions; a reader sees the old file or
// the new one, never an empty or partial one. Rename fails with ErrExist when the new name is
// a directory, as os.Rename does, where a key-value file system would silently replace the
// directory and orphan its files.
type FS struct {
	base hackpadfs.FS
}

// NewFS returns base with whole-file writes and safe renames.
func NewFS(base hackpadfs.FS) *FS { return &FS{base: base} }

// Open opens the named file for reading.
func (f *FS) Open(name string) (hackpadfs.File, error) { return f.base.Open(name) }

// OpenFile opens the named file with the given flags, as os.OpenFile does.
func (f *FS) OpenFile(name string, flag int, perm hackpadfs.FileMode) (hackpadfs.File, error) {
	return hackpadfs.OpenFile(f.base, name, flag, perm)
}

// Mkdir creates a directory.
func (f *FS) Mkdir(name string, perm hackpadfs.FileMode) error {
	return hackpadfs.Mkdir(f.base, name, perm)
}

// MkdirAll creates a directory and any missing parents.
func (f *FS) MkdirAll(name string, perm hackpadfs.FileMode) error {
	return hackpadfs.MkdirAll(f.base, name, perm)
}

// Chmod changes the mode of a file.
func (f *FS) Chmod(name string, mode hackpadfs.FileMode) error {
	return hackpadfs.Chmod(f.base, name, mode)
}

// Chtimes changes the access and modification times of a file.
func (f *FS) Chtimes(name string, atime, mtime time.Time) error {
	return hackpadfs.Chtimes(f.base, name, atime, mtime)
}

// Stat describes a file.
func (f *FS) Stat(name string) (hackpadfs.FileInfo, error) { return hackpadfs.Stat(f.base, name) }

// ReadDir lists a directory, sorted by name.
func (f *FS) ReadDir(name string) ([]hackpadfs.DirEntry, error) {
	return hackpadfs.ReadDir(f.base, name)
}

// ReadFile reads a whole file.
func (f *FS) ReadFile(name string) ([]byte, error) { return hackpadfs.ReadFile(f.base, name) }

// Remove removes a file or an empty directory.
func (f *FS) Remove(name string) error { return hackpadfs.Remove(f.base, name) }

// RemoveAll removes a file or a directory and everything in it.
func (f *FS) RemoveAll(name string) error { return hackpadfs.RemoveAll(f.base, name) }

// Rename moves oldname to newname, replacing a file at newname. It fails with a
// *hackpadfs.LinkError wrapping ErrExist when newname is a directory.
func (f *FS) Rename(oldname, newname string) error {
	if oldname != newname {
		if info, err := hackpadfs.Stat(f.base, newname); err == nil && info.IsDir() {
			return &hackpadfs.LinkError{Op: "rename", Old: oldname, New: newname, Err: hackpadfs.ErrExist}
		}
	}
	return hackpadfs.Rename(f.base, oldname, newname)
}

// WriteFile replaces the named file with data, or creates it with perm: it writes a
// temporary file and renames it over the target. An existing file keeps its permissions.
// It fails with a *hackpadfs.PathError wrapping ErrIsDir when name is a directory.
func (f *FS) WriteFile(name string, data []byte, perm hackpadfs.FileMode) error {
	return f.replace(name, data, perm, time.Time{})
}

// replace is WriteFile that also dates the new file mtime, unless mtime is zero.
func (f *FS) replace(name string, data []byte, perm hackpadfs.FileMode, mtime time.Time) error {
	if !hackpadfs.ValidPath(name) || name == "." {
		return &hackpadfs.PathError{Op: "open", Path: name, Err: hackpadfs.ErrInvalid}
	}
	info, err := hackpadfs.Stat(f.base, name)
	switch {
	case err == nil && info.IsDir():
		return &hackpadfs.PathError{Op: "open", Path: name, Err: hackpadfs.ErrIsDir}
	case err == nil:
		perm = info.Mode().Perm()
	case !errors.Is(err, hackpadfs.ErrNotExist):
		return err
	}
	dir, file := path.Split(name)
	// A name of its own per write: two tabs writing at once never share
	// (and rename away) each other's temporary file.
	tmp := path.Join(dir, "."+file+"."+randomID(6)+".tmp")
	if err := hackpadfs.WriteFullFile(f.base, tmp, data, perm); err != nil {
		hackpadfs.Remove(f.base, tmp)
		return renamePathErr(err, tmp, name)
	}
	if !mtime.IsZero() {
		if err := hackpadfs.Chtimes(f.base, tmp, mtime, mtime); err != nil {
			hackpadfs.Remove(f.base, tmp)
			return renamePathErr(err, tmp, name)
		}
	}
	if err := f.Rename(tmp, name); err != nil {
		hackpadfs.Remove(f.base, tmp)
		return renamePathErr(err, tmp, name)
	}
	return nil
}

// renamePathErr reports an error on the temporary file under the target's name, which is
// the one the caller knows.
func renamePathErr(err error, tmp, name string) error {
	var pe *hackpadfs.PathError
	if errors.As(err, &pe) && pe.Path == tmp {
		return &hackpadfs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}

// randomID returns n random bytes in lower-case base 32: cross-tab unique
// names for ids and temporary files. crypto/rand reads the browser's
// crypto.getRandomValues in the browser.
func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return strings.ToLower(strings.TrimRight(base32.StdEncoding.EncodeToString(b), "="))
}
