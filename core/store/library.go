package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/hack-pad/hackpadfs"
	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/scenario"
)

// DefaultDir is the directory of the library's files when Options.Dir is empty.
const DefaultDir = "scenarios"

// MaxIDBytes is the longest entry id.
const MaxIDBytes = 64

// filePerm is the permission of scenario files; hackpadfs file systems record it, nothing
// enforces it.
const filePerm = 0o600

// Errors of library operations, matched with errors.Is.
var (
	// ErrNotFound means no scenario has the id.
	ErrNotFound = errors.New("no saved scenario has this id")
	// ErrInvalidID means an id is not one the library gives out.
	ErrInvalidID = errors.New("not a scenario id")
	// ErrDamagedEntry means the operation needs a scenario that opens, and the entry does
	// not: it can only be exported as it is or deleted.
	ErrDamagedEntry = errors.New("the saved scenario cannot be opened")
)

// Options configure a Library. The zero value keeps the files in DefaultDir, dates every
// save with the zero time and opens scenarios with the zero scenario.Options.
type Options struct {
	// Dir is the directory of the library's files. If Dir is "", DefaultDir is used.
	Dir string
	// Now is the clock that dates saves. If Now is nil, saves are dated with the zero time
	// and keep the file system's own modification time.
	Now func() time.Time
	// Scenario opens stored and imported scenarios: its migrations and lab validation.
	Scenario scenario.Options
	// Workers is how many files List reads at once. If Workers is 0, 8 are used. Reads in
	// IndexedDB are asynchronous, so reading several at once is faster.
	Workers int
	// Lock, when set, runs fn while holding a lock that every Library on the same file
	// system shares (in a browser, all the tabs: the Web Locks API), and returns an error
	// only when the lock cannot be had. Every write runs inside it, so that a name clash is
	// decided on a library that no other tab changes meanwhile. If Lock is nil, writes are
	// serialized within this Library only; random ids and per-write temporary files keep
	// two Libraries from losing each other's saves even then.
	Lock func(fn func()) error
}

// Library is the scenario library on a file system. Its methods may be called from several
// goroutines; it holds no state of its own besides its options, so several Library values
// (in several tabs) can share one file system.
type Library struct {
	fs   *FS
	dir  string
	opts Options
	// mu serializes the operations of this Library: ids are not given out twice, a name
	// clash is decided on a list that no write changes meanwhile, and a write never runs
	// beside a read of the same file. List still reads its files in parallel.
	mu sync.Mutex
	// seen holds the entries List read last, by file name, with the size and modification
	// time they were read at: a file whose size and time have not changed is not read and
	// opened again. Guarded by mu.
	seen map[string]seenEntry
}

// seenEntry is an entry as List last read it.
type seenEntry struct {
	size  int64
	mod   time.Time
	entry Entry
}

// exclusive runs fn holding l.mu and, when Options.Lock is set, the lock shared with
// every other Library on the file system.
func (l *Library) exclusive(fn func() error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.opts.Lock == nil {
		return fn()
	}
	var err error
	if lerr := l.opts.Lock(func() { err = fn() }); lerr != nil {
		return fmt.Errorf("store: waiting for the other tabs: %w", lerr)
	}
	return err
}

// New returns the library on fsys, creating its directory when it is missing. It fails if
// the directory cannot be created or its name is taken by a file.
func New(fsys hackpadfs.FS, opts Options) (*Library, error) {
	dir := opts.Dir
	if dir == "" {
		dir = DefaultDir
	}
	if !hackpadfs.ValidPath(dir) || dir == "." {
		return nil, fmt.Errorf("store: directory %q is not a valid path", dir)
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	l := &Library{fs: NewFS(fsys), dir: dir, opts: opts}
	if err := l.fs.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: creating the library directory %q: %w", dir, err)
	}
	if info, err := l.fs.Stat(dir); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	} else if !info.IsDir() {
		return nil, fmt.Errorf("store: %q is a file, not the library directory", dir)
	}
	return l, nil
}

// Entry describes one saved scenario as List and the writing methods return it. The zero
// Entry is no entry.
type Entry struct {
	// ID names the entry in the library; it is the file name without ".json".
	ID string
	// Name is the scenario's name; for a damaged entry, the name that could be read, if any.
	Name string
	// Widget is the scenario's widget; for a damaged entry, the one that could be read, if any.
	Widget scenario.Widget
	// Version is the document version stored in the file (0 if it could not be read). A
	// version older than scenario.Version is migrated when the scenario is opened.
	Version int
	// Modified is when the scenario was last saved.
	Modified time.Time
	// Size is the size of the file in bytes.
	Size int64
	// Err is why the entry cannot be opened, or nil: a *scenario.DecodeError (errors.Is
	// scenario.ErrNewerVersion for a scenario from a newer Netground), or the error of
	// reading the file.
	Err error
	// Document is the scenario, migrated to the current version, when the entry opens;
	// the zero Document when it does not.
	Document scenario.Document
}

// Damaged reports whether the entry cannot be opened.
func (e Entry) Damaged() bool { return e.Err != nil }

// Newer reports whether the entry was saved by a newer version of Netground.
func (e Entry) Newer() bool { return errors.Is(e.Err, scenario.ErrNewerVersion) }

// ValidID reports whether id has the form of an entry id: 1 to MaxIDBytes of a–z, 0–9, "-"
// and "_", not starting with "-" or "_".
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDBytes || id[0] == '-' || id[0] == '_' {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (l *Library) file(id string) string { return path.Join(l.dir, id+".json") }

// foreignPrefix starts the id of a file in the library directory that the library did not
// write; the rest of the id is the file's name.
const foreignPrefix = "~"

// pathOf returns the file of entry id: <dir>/<id>.json, or the file named after "~" for a
// foreign file.
func (l *Library) pathOf(id string) (string, error) {
	if name, ok := strings.CutPrefix(id, foreignPrefix); ok {
		if name == "" || strings.Contains(name, "/") || strings.HasPrefix(name, ".") || !hackpadfs.ValidPath(name) {
			return "", fmt.Errorf("store: %q: %w", field.Shorten(id, 60), ErrInvalidID)
		}
		return path.Join(l.dir, name), nil
	}
	if err := checkID(id); err != nil {
		return "", err
	}
	return l.file(id), nil
}

func (l *Library) now() time.Time {
	if l.opts.Now == nil {
		return time.Time{}
	}
	return l.opts.Now()
}

// checkID fails for an id the library would never give out.
func checkID(id string) error {
	if !ValidID(id) {
		return fmt.Errorf("store: %q: %w", field.Shorten(id, 60), ErrInvalidID)
	}
	return nil
}

// List returns every entry in the library, newest first (then by name and id). A file that
// cannot be read or opened is listed with its Err; it does not stop the others. Temporary
// files of writes in progress are not listed. List fails only when the directory cannot be
// read.
func (l *Library) List() ([]Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.list()
}

func (l *Library) list() ([]Entry, error) {
	dirEntries, err := l.fs.ReadDir(l.dir)
	if err != nil {
		return nil, fmt.Errorf("store: reading the library: %w", err)
	}
	var names []string
	var infos []hackpadfs.FileInfo
	for _, de := range dirEntries {
		if !strings.HasPrefix(de.Name(), ".") {
			info, _ := de.Info() // nil: entry stats the file itself
			names = append(names, de.Name())
			infos = append(infos, info)
		}
	}
	out := make([]Entry, len(names))
	var toRead []int
	for i, name := range names {
		if c, ok := l.seen[name]; ok && infos[i] != nil && c.size == infos[i].Size() && c.mod.Equal(infos[i].ModTime()) {
			out[i] = c.entry
		} else {
			toRead = append(toRead, i)
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(l.opts.Workers, len(toRead)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = l.entry(names[i], infos[i])
			}
		}()
	}
	for _, i := range toRead {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	seen := make(map[string]seenEntry, len(names))
	for i, name := range names {
		// A file that could not be read is read again next time: the cause may pass.
		if infos[i] != nil && !errors.Is(out[i].Err, errUnreadable) {
			seen[name] = seenEntry{size: infos[i].Size(), mod: infos[i].ModTime(), entry: out[i]}
		}
	}
	l.seen = seen
	sortEntries(out)
	return out, nil
}

func sortEntries(entries []Entry) {
	slices.SortFunc(entries, func(a, b Entry) int {
		if c := b.Modified.Compare(a.Modified); c != 0 {
			return c
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// errUnreadable is why an entry whose file could not be read is damaged.
var errUnreadable = errors.New("the file cannot be read")

// entry reads the file named name in the library directory and describes it, with info
// from the directory listing, or nil to stat the file.
func (l *Library) entry(name string, info hackpadfs.FileInfo) Entry {
	id, isJSON := strings.CutSuffix(name, ".json")
	foreign := !isJSON || !ValidID(id)
	e := Entry{ID: id}
	if foreign {
		e.ID = foreignPrefix + name
	}
	p := path.Join(l.dir, name)
	if info == nil {
		var err error
		if info, err = l.fs.Stat(p); err != nil {
			e.Err = fmt.Errorf("%w: %w", errUnreadable, err)
			return e
		}
	}
	e.Modified, e.Size = info.ModTime(), info.Size()
	if info.IsDir() {
		e.Err = errors.New("it is a folder, not a scenario file")
		return e
	}
	if foreign {
		e.Err = fmt.Errorf("the file %q was not written by Netground", field.Shorten(name, 60))
		return e
	}
	data, err := l.fs.ReadFile(p)
	if err != nil {
		e.Err = fmt.Errorf("%w: %w", errUnreadable, err)
		return e
	}
	e.Size = int64(len(data))
	d, err := l.opts.Scenario.Unmarshal(data)
	if err != nil {
		var de *scenario.DecodeError
		if errors.As(err, &de) {
			d = de.Partial
		}
		e.Err = err
	}
	e.Name, e.Widget, e.Version = d.Name, d.Widget, d.Version
	if err == nil {
		e.Version = storedVersion(data, d.Version)
		e.Document = d
	}
	return e
}

// storedVersion returns the version written in a file that opened, which is older than the
// opened document's when it was migrated.
func storedVersion(data []byte, opened int) int {
	var partial struct {
		Version int `json:"version"`
	}
	if json.Unmarshal(data, &partial) == nil && partial.Version > 0 {
		return partial.Version
	}
	return opened
}

// Open returns the scenario of entry id, migrated to the current version, and its entry. For a
// damaged entry it returns the entry and its Err; the file is left as it is.
func (l *Library) Open(id string) (scenario.Document, Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open(id)
}

func (l *Library) open(id string) (scenario.Document, Entry, error) {
	if err := checkID(id); err != nil {
		return scenario.Document{}, Entry{}, err
	}
	data, info, err := l.read(id)
	if err != nil {
		return scenario.Document{}, Entry{}, err
	}
	e := Entry{ID: id, Modified: info.ModTime(), Size: int64(len(data))}
	d, err := l.opts.Scenario.Unmarshal(data)
	if err != nil {
		var de *scenario.DecodeError
		if errors.As(err, &de) {
			e.Name, e.Widget, e.Version = de.Partial.Name, de.Partial.Widget, de.Partial.Version
		}
		e.Err = err
		return scenario.Document{}, e, fmt.Errorf("store: %w: %w", ErrDamagedEntry, err)
	}
	e.Name, e.Widget, e.Version, e.Document = d.Name, d.Widget, storedVersion(data, d.Version), d
	return d, e, nil
}

// Raw returns the file of entry id as it is stored, damaged or not, for exporting it.
func (l *Library) Raw(id string) ([]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, err := l.pathOf(id)
	if err != nil {
		return nil, err
	}
	data, err := l.fs.ReadFile(p)
	if err != nil {
		return nil, notFound(id, err)
	}
	return data, nil
}

func (l *Library) read(id string) ([]byte, hackpadfs.FileInfo, error) {
	p := l.file(id)
	info, err := l.fs.Stat(p)
	if err != nil {
		return nil, nil, notFound(id, err)
	}
	if info.IsDir() {
		return nil, nil, fmt.Errorf("store: %q: %w: it is a folder", id, ErrDamagedEntry)
	}
	data, err := l.fs.ReadFile(p)
	if err != nil {
		return nil, nil, notFound(id, err)
	}
	return data, info, nil
}

func notFound(id string, err error) error {
	if errors.Is(err, hackpadfs.ErrNotExist) {
		return fmt.Errorf("store: %q: %w", field.Shorten(id, 60), ErrNotFound)
	}
	return fmt.Errorf("store: reading %q: %w", field.Shorten(id, 60), err)
}

// Save adds d to the library as a new entry and returns it. The document is checked and
// marshalled (scenario.Marshal) before anything is written.
func (l *Library) Save(d scenario.Document) (Entry, error) {
	data, err := scenario.Marshal(d)
	if err != nil {
		return Entry{}, fmt.Errorf("store: %w", err)
	}
	var e Entry
	err = l.exclusive(func() (err error) {
		e, err = l.create(d, data)
		return err
	})
	return e, err
}

// create writes data as a new entry under a fresh id. The caller holds l.mu.
func (l *Library) create(d scenario.Document, data []byte) (Entry, error) {
	now := l.now()
	id, err := l.newID(now)
	if err != nil {
		return Entry{}, err
	}
	return l.write(id, d, data, now)
}

// newID returns an unused id: 96 random bits in base 32, so that two tabs
// (or two devices whose libraries are merged by import) never pick the same
// one. now is unused; ids no longer come from the clock.
func (l *Library) newID(now time.Time) (string, error) {
	for range 8 {
		id := randomID(12)
		if _, err := l.fs.Stat(l.file(id)); errors.Is(err, hackpadfs.ErrNotExist) {
			return id, nil
		} else if err != nil {
			return "", fmt.Errorf("store: %w", err)
		}
	}
	return "", errors.New("store: no free id for a new scenario")
}

func (l *Library) write(id string, d scenario.Document, data []byte, now time.Time) (Entry, error) {
	if err := l.fs.replace(l.file(id), data, filePerm, now); err != nil {
		return Entry{}, fmt.Errorf("store: saving %q: %w", field.Shorten(d.Name, 60), err)
	}
	// A save is confirmed only once the stored file reads back as written.
	if back, err := hackpadfs.ReadFile(l.fs, l.file(id)); err != nil || !bytes.Equal(back, data) {
		if err == nil {
			err = errors.New("the stored file does not read back as written")
		}
		return Entry{}, fmt.Errorf("store: saving %q: %w", field.Shorten(d.Name, 60), err)
	}
	modified := now
	if modified.IsZero() {
		if info, err := l.fs.Stat(l.file(id)); err == nil {
			modified = info.ModTime()
		}
	}
	version := d.Version
	if version == 0 {
		version = scenario.Version
	}
	d.Format, d.Version = scenario.FormatTag, version
	return Entry{ID: id, Name: d.Name, Widget: d.Widget, Version: version, Modified: modified, Size: int64(len(data)), Document: d}, nil
}

// Update replaces the scenario of entry id with d ("save" of a scenario that was saved
// before) and returns the entry. It fails with ErrNotFound if the entry was deleted meanwhile,
// and with ErrDamagedEntry if the stored file cannot be opened (a scenario from a newer
// Netground is not overwritten).
func (l *Library) Update(id string, d scenario.Document) (Entry, error) {
	if err := checkID(id); err != nil {
		return Entry{}, err
	}
	data, err := scenario.Marshal(d)
	if err != nil {
		return Entry{}, fmt.Errorf("store: %w", err)
	}
	var e Entry
	err = l.exclusive(func() (err error) {
		e, err = l.update(id, d, data)
		return err
	})
	return e, err
}

// update is Update once d is marshalled. The caller holds l.mu.
func (l *Library) update(id string, d scenario.Document, data []byte) (Entry, error) {
	if _, _, err := l.open(id); err != nil {
		return Entry{}, err
	}
	return l.write(id, d, data, l.now())
}

// Rename gives entry id a new name and returns the entry. The entry must open; it is stored
// again at the current version.
func (l *Library) Rename(id, name string) (Entry, error) {
	var e Entry
	err := l.exclusive(func() error {
		d, _, err := l.open(id)
		if err != nil {
			return err
		}
		d.Name = name
		data, err := scenario.Marshal(d)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		e, err = l.write(id, d, data, l.now())
		return err
	})
	return e, err
}

// Duplicate copies entry id into a new entry named name and returns the copy. If name is
// "", the copy is named after the original with " (copy)". The entry must open.
func (l *Library) Duplicate(id, name string) (Entry, error) {
	var e Entry
	err := l.exclusive(func() error {
		d, _, err := l.open(id)
		if err != nil {
			return err
		}
		if name == "" {
			name = withSuffix(d.Name, " (copy)")
		}
		d.Name = name
		data, err := scenario.Marshal(d)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		e, err = l.create(d, data)
		return err
	})
	return e, err
}

// Delete removes entry id, damaged or not. Deleting an entry that is gone fails with
// ErrNotFound.
func (l *Library) Delete(id string) error {
	p, err := l.pathOf(id)
	if err != nil {
		return err
	}
	return l.exclusive(func() error {
		info, err := l.fs.Stat(p)
		if err != nil {
			return notFound(id, err)
		}
		if info.IsDir() {
			err = l.fs.RemoveAll(p)
		} else {
			err = l.fs.Remove(p)
		}
		if err != nil {
			return fmt.Errorf("store: deleting %q: %w", field.Shorten(id, 60), err)
		}
		return nil
	})
}

// withSuffix returns name+suffix, cutting name so the result fits in MaxNameBytes.
func withSuffix(name, suffix string) string {
	return cutUTF8(name, scenario.MaxNameBytes-len(suffix)) + suffix
}

// cutUTF8 returns the longest prefix of s of at most n bytes that ends on a character boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
