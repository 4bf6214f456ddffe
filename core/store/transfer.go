package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/scenario"
)

// LibraryFormatTag is the format field of a whole-library export.
const LibraryFormatTag = "netground/library"

// LibraryVersion is the version of the whole-library export this package writes and reads.
const LibraryVersion = 1

// Limits on imports.
const (
	// MaxImportBytes is the largest file Import accepts: 16 MiB.
	MaxImportBytes = 16 << 20
	// MaxImportDepth is the deepest nesting of JSON objects and arrays an import may
	// have: far more than any scenario needs, and little enough that a hostile file is
	// refused before it is parsed.
	MaxImportDepth = 64
	// MaxImportScenarios is the most scenarios one import may hold.
	MaxImportScenarios = 1000
)

// Errors of imports, matched with errors.Is. A problem with one scenario of a library export
// is an *ImportError wrapping the scenario's *scenario.DecodeError.
var (
	// ErrImportTooLarge means the file is larger than MaxImportBytes or holds more than
	// MaxImportScenarios scenarios.
	ErrImportTooLarge = errors.New("the file is too large to import")
	// ErrImportMalformed means the file is not the JSON a Netground export is.
	ErrImportMalformed = errors.New("the file is not a well-formed Netground export")
	// ErrImportUnknown means the file is JSON but neither a Netground scenario nor a
	// Netground library, or a library export from a newer Netground.
	ErrImportUnknown = errors.New("the file is not a Netground scenario or library")
	// ErrImportEmpty means the file holds no scenario.
	ErrImportEmpty = errors.New("the file holds no scenarios")
)

// ImportError is why a file cannot be imported. Nothing is written when a file fails.
type ImportError struct {
	// Item is the position (from 1) of the failing scenario in a library export, or 0 when
	// the problem is with the file as a whole.
	Item int
	// Name is the failing scenario's name, when it could be read.
	Name string
	// Err is the problem: one of the ErrImport values, or a *scenario.DecodeError.
	Err error
}

// Error says what is wrong, such as
// `scenario 3 ("Home router"): the file was made by a newer version of Netground: …`.
func (e *ImportError) Error() string {
	if e.Item == 0 {
		return e.Err.Error()
	}
	s := "scenario " + strconv.Itoa(e.Item)
	if e.Name != "" {
		s += " (" + field.Quote(e.Name, 60) + ")"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns Err.
func (e *ImportError) Unwrap() error { return e.Err }

// libraryFile is a whole-library export as JSON.
type libraryFile struct {
	Format    string            `json:"format"`
	Version   int               `json:"version"`
	Exported  string            `json:"exported,omitempty"`
	Scenarios []json.RawMessage `json:"scenarios"`
}

// ExportAll returns every entry that opens as one library file (indented JSON, which
// ParseImport reads back), and how many damaged entries it left out; export those one by one
// with Raw. The file is dated with the library's clock.
func (l *Library) ExportAll() (data []byte, skipped int, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	entries, err := l.list()
	if err != nil {
		return nil, 0, err
	}
	var docs []scenario.Document
	for _, e := range entries {
		if e.Damaged() {
			skipped++
			continue
		}
		docs = append(docs, e.Document)
	}
	data, err = ExportDocuments(docs, l.now())
	return data, skipped, err
}

// ExportDocuments returns docs as one library file dated exported (not dated when exported
// is zero).
func ExportDocuments(docs []scenario.Document, exported time.Time) ([]byte, error) {
	f := libraryFile{Format: LibraryFormatTag, Version: LibraryVersion, Scenarios: []json.RawMessage{}}
	if !exported.IsZero() {
		f.Exported = exported.UTC().Format(time.RFC3339)
	}
	for _, d := range docs {
		b, err := scenario.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("store: exporting %q: %w", field.Shorten(d.Name, 60), err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, b); err != nil {
			return nil, fmt.Errorf("store: exporting %q: %w", field.Shorten(d.Name, 60), err)
		}
		f.Scenarios = append(f.Scenarios, compact.Bytes())
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return buf.Bytes(), nil
}

// ParseImport reads a file to import: one scenario file (as scenario.Marshal writes it, or as
// Raw exports it) or a library export (as ExportAll writes it). It checks everything — size,
// JSON, format, every scenario with opts, migrating older ones — and returns the scenarios,
// or an *ImportError and no scenario at all.
func ParseImport(data []byte, opts scenario.Options) ([]scenario.Document, error) {
	fail := func(item int, name string, err error) ([]scenario.Document, error) {
		return nil, &ImportError{Item: item, Name: name, Err: err}
	}
	if len(data) > MaxImportBytes {
		return fail(0, "", fmt.Errorf("%w: %d bytes, more than the limit of %d MiB", ErrImportTooLarge, len(data), MaxImportBytes>>20))
	}
	if !utf8.Valid(data) {
		return fail(0, "", fmt.Errorf("%w: it is not UTF-8 text", ErrImportMalformed))
	}
	if depth := jsonDepth(data); depth > MaxImportDepth {
		return fail(0, "", fmt.Errorf("%w: its JSON is nested %d levels deep, more than the limit of %d", ErrImportMalformed, depth, MaxImportDepth))
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return fail(0, "", fmt.Errorf("%w: the file is empty", ErrImportEmpty))
	}
	if trimmed[0] != '{' {
		return fail(0, "", fmt.Errorf("%w: it does not start with a JSON object", ErrImportMalformed))
	}
	var head struct {
		Format json.RawMessage `json:"format"`
	}
	if err := json.Unmarshal(trimmed, &head); err != nil {
		return fail(0, "", fmt.Errorf("%w: %v", ErrImportMalformed, err))
	}
	var format string
	if json.Unmarshal(head.Format, &format) != nil || (format != LibraryFormatTag && format != scenario.FormatTag) {
		found := "no format tag"
		if len(head.Format) > 0 {
			found = "format " + field.Shorten(string(head.Format), 60)
		}
		return fail(0, "", fmt.Errorf("%w: it has %s, not %q or %q", ErrImportUnknown, found, scenario.FormatTag, LibraryFormatTag))
	}
	if format == scenario.FormatTag {
		d, err := opts.Unmarshal(trimmed)
		if err != nil {
			return fail(0, "", err)
		}
		return []scenario.Document{d}, nil
	}

	var f struct {
		Version   json.RawMessage   `json:"version"`
		Scenarios []json.RawMessage `json:"scenarios"`
	}
	if err := json.Unmarshal(trimmed, &f); err != nil {
		return fail(0, "", fmt.Errorf("%w: %v", ErrImportMalformed, err))
	}
	version, err := strconv.Atoi(string(f.Version))
	switch {
	case err != nil || version < 1:
		return fail(0, "", fmt.Errorf("%w: its version %s is not a whole number from 1", ErrImportMalformed, field.Shorten(string(f.Version), 60)))
	case version > LibraryVersion:
		return fail(0, "", fmt.Errorf("%w: it is a library export of version %d, from a newer Netground; this version reads up to %d", ErrImportUnknown, version, LibraryVersion))
	case f.Scenarios == nil:
		return fail(0, "", fmt.Errorf("%w: it has no list of scenarios", ErrImportMalformed))
	case len(f.Scenarios) == 0:
		return fail(0, "", ErrImportEmpty)
	case len(f.Scenarios) > MaxImportScenarios:
		return fail(0, "", fmt.Errorf("%w: %d scenarios, more than the limit of %d", ErrImportTooLarge, len(f.Scenarios), MaxImportScenarios))
	}
	docs := make([]scenario.Document, 0, len(f.Scenarios))
	for i, raw := range f.Scenarios {
		d, err := opts.Unmarshal(raw)
		if err != nil {
			var de *scenario.DecodeError
			name := ""
			if errors.As(err, &de) {
				name = de.Partial.Name
			}
			return fail(i+1, name, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// ParseImport is ParseImport with the library's scenario options.
func (l *Library) ParseImport(data []byte) ([]scenario.Document, error) {
	return ParseImport(data, l.opts.Scenario)
}

// Clash is what Import does with a scenario whose name is already in the library. The zero
// Clash is KeepBoth.
type Clash int

const (
	// KeepBoth imports the scenario under a new name: its name followed by " (2)", " (3)", ….
	KeepBoth Clash = iota
	// Replace overwrites the library's scenario of that name with the imported one.
	Replace
	// Skip leaves the library's scenario and does not import this one.
	Skip
)

// String returns "keep both", "replace" or "skip".
func (c Clash) String() string {
	switch c {
	case KeepBoth:
		return "keep both"
	case Replace:
		return "replace"
	case Skip:
		return "skip"
	}
	return "Clash(" + strconv.Itoa(int(c)) + ")"
}

// ImportResult says what an import did.
type ImportResult struct {
	// Added, Replaced and Skipped count the imported scenarios by what became of them.
	Added, Replaced, Skipped int
	// Entries are the entries written, in the order of the file.
	Entries []Entry
}

// Clashes returns the names of docs that are already the name of a scenario in the library
// (each name once, in the order of docs). Unnamed scenarios never clash.
func (l *Library) Clashes(docs []scenario.Document) ([]string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	names, err := l.names()
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, d := range docs {
		if _, ok := names[d.Name]; ok && d.Name != "" && !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, d.Name)
		}
	}
	return out, nil
}

// names maps the name of every entry that opens to its id (the newest, if several share it).
// The caller holds l.mu.
func (l *Library) names() (map[string]string, error) {
	entries, err := l.list()
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(entries))
	for _, e := range entries {
		if _, ok := names[e.Name]; !ok && !e.Damaged() {
			names[e.Name] = e.ID
		}
	}
	return names, nil
}

// Import writes docs (from ParseImport) into the library, resolving each name clash with
// onClash. Every document is checked and marshalled before the first write. Scenarios of one
// import that share a name clash with each other too.
func (l *Library) Import(docs []scenario.Document, onClash Clash) (ImportResult, error) {
	var res ImportResult
	if onClash < KeepBoth || onClash > Skip {
		return res, fmt.Errorf("store: %v is not a way to resolve a name clash", onClash)
	}
	files := make([][]byte, len(docs))
	for i, d := range docs {
		b, err := scenario.Marshal(d)
		if err != nil {
			return res, &ImportError{Item: i + 1, Name: d.Name, Err: err}
		}
		files[i] = b
	}
	err := l.exclusive(func() error { return l.importLocked(docs, files, onClash, &res) })
	return res, err
}

// importLocked is Import once the documents are marshalled, holding the lock.
func (l *Library) importLocked(docs []scenario.Document, files [][]byte, onClash Clash, res *ImportResult) error {
	names, err := l.names()
	if err != nil {
		return err
	}
	for i, d := range docs {
		id, clash := names[d.Name]
		clash = clash && d.Name != ""
		var e Entry
		var err error
		switch {
		case clash && onClash == Skip:
			res.Skipped++
			continue
		case clash && onClash == Replace:
			if e, err = l.update(id, d, files[i]); err == nil {
				res.Replaced++
			}
		default:
			if clash {
				d.Name = freeName(d.Name, names)
				if files[i], err = scenario.Marshal(d); err != nil {
					break
				}
			}
			e, err = l.create(d, files[i])
			if err == nil {
				res.Added++
			}
		}
		if err != nil {
			return fmt.Errorf("store: importing scenario %d of %d (%d written before it): %w", i+1, len(docs), len(res.Entries), err)
		}
		if d.Name != "" {
			names[d.Name] = e.ID
		}
		res.Entries = append(res.Entries, e)
	}
	return nil
}

// freeName returns name followed by " (2)", " (3)", … whichever is not in names.
func freeName(name string, names map[string]string) string {
	for n := 2; ; n++ {
		candidate := withSuffix(name, " ("+strconv.Itoa(n)+")")
		if _, ok := names[candidate]; !ok {
			return candidate
		}
	}
}

// jsonDepth returns the deepest nesting of objects and arrays in data, read
// as JSON text without parsing it: brackets inside strings do not count.
func jsonDepth(data []byte) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}
