package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"unicode/utf8"
)

// FormatTag is the value of a document's format field.
const FormatTag = "netground/scenario"

// Version is the newest document version this package writes and reads.
const Version = 1

// Limits on documents.
const (
	// MaxDocumentBytes is the largest document, as a file or inflated from a link.
	MaxDocumentBytes = 1 << 20
	// MaxNameBytes is the longest name of a document.
	MaxNameBytes = 256
)

// Document is one saved or shared scenario: a widget's state in a versioned envelope. As JSON:
//
//	{"format":"netground/scenario","version":1,"widget":"nat","name":"Home router","state":{…}}
//
// State is the widget's state as a JSON object. A lab defines its own state; a simple widget's
// state is its query parameters as an object of strings ([NewDocument], [Document.Query]).
// The zero Document is no scenario.
type Document struct {
	// Format is FormatTag; Marshal sets it.
	Format string `json:"format"`
	// Version is the document version; Marshal writes Version when it is 0.
	Version int `json:"version"`
	// Widget is the widget or lab the state belongs to.
	Widget Widget `json:"widget"`
	// Name is the name people gave the scenario, at most MaxNameBytes; may be empty.
	Name string `json:"name,omitempty"`
	// State is the widget's state, a JSON object.
	State json.RawMessage `json:"state"`
	// Step is the step a lab showed when the scenario was saved: 0 is the
	// start, N the state after N actions. Nil when none was kept (a simple
	// widget, or a document written before steps were kept): the lab then
	// opens on its own opening step. A lab clamps a step beyond its last.
	Step *int `json:"step,omitempty"`
}

// AtStep returns d with Step set to n, for a lab shown at step n.
func (d Document) AtStep(n int) Document {
	d.Step = &n
	return d
}

// NewDocument returns a document holding a simple widget's state, with its query parameters
// as the state object.
func NewDocument(s State, name string) Document {
	q := s.Query()
	m := make(map[string]string, len(q))
	for k, vs := range q {
		m[k] = vs[0]
	}
	state, _ := marshalJSON(m) // a map of strings always marshals
	return Document{Format: FormatTag, Version: Version, Widget: s.Widget(), Name: name, State: state}
}

// Query returns the query parameters held by the document of a simple widget, for
// ParseAddrState and the others. It fails if d is a lab's document or its state is not an
// object of strings.
func (d Document) Query() (url.Values, error) {
	if !d.Widget.IsSimple() {
		return nil, fmt.Errorf("scenario: widget %q keeps no query parameters", d.Widget)
	}
	m, err := simpleState(d.State)
	if err != nil {
		return nil, err
	}
	q := make(url.Values, len(m))
	for k, v := range m {
		q[k] = []string{v}
	}
	return q, nil
}

// simpleState reads a simple widget's state object.
func simpleState(state json.RawMessage) (map[string]string, error) {
	var m map[string]string
	if err := json.Unmarshal(state, &m); err != nil || m == nil {
		return nil, errors.New("the parameters must be a JSON object of strings")
	}
	if len(m) > MaxParams {
		return nil, fmt.Errorf("%d parameters, more than the limit of %d", len(m), MaxParams)
	}
	return m, nil
}

// Marshal returns d as an indented JSON file, with Format set and Version defaulting to
// Version. It fails if the widget is unknown, the name too long, the state not a JSON object
// (of strings, for a simple widget) or the result larger than MaxDocumentBytes.
func Marshal(d Document) ([]byte, error) {
	b, err := marshalDocument(d)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "\t"); err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	out.WriteByte('\n')
	if out.Len() > MaxDocumentBytes {
		return nil, fmt.Errorf("scenario: %d bytes, more than the limit of %d", out.Len(), MaxDocumentBytes)
	}
	return out.Bytes(), nil
}

// marshalDocument returns d as compact JSON after checking it.
func marshalDocument(d Document) ([]byte, error) {
	d.Format = FormatTag
	if d.Version == 0 {
		d.Version = Version
	}
	switch {
	case d.Version < 0:
		return nil, fmt.Errorf("scenario: version %d is not a version", d.Version)
	case !d.Widget.IsValid():
		return nil, fmt.Errorf("scenario: unknown widget %q", d.Widget)
	case len(d.Name) > MaxNameBytes:
		return nil, fmt.Errorf("scenario: name is %d bytes, more than the limit of %d", len(d.Name), MaxNameBytes)
	case !utf8.ValidString(d.Name):
		return nil, errors.New("scenario: name is not valid UTF-8 text")
	case d.Step != nil && !d.Widget.IsLab():
		return nil, fmt.Errorf("scenario: a step is kept for labs, not for the %s widget", d.Widget)
	case d.Step != nil && *d.Step < 0:
		return nil, fmt.Errorf("scenario: step %d is not a step; steps count from 0", *d.Step)
	}
	if err := checkState(d.Widget, d.State); err != nil {
		return nil, fmt.Errorf("scenario: state of %s: %w", d.Widget, err)
	}
	b, err := marshalJSON(d)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	if len(b) > MaxDocumentBytes {
		return nil, fmt.Errorf("scenario: %d bytes, more than the limit of %d", len(b), MaxDocumentBytes)
	}
	return b, nil
}

// checkState checks the shape every state must have.
func checkState(w Widget, state json.RawMessage) error {
	if !utf8.Valid(state) {
		return errors.New("not UTF-8 text")
	}
	if w.IsSimple() {
		_, err := simpleState(state)
		return err
	}
	if !json.Valid(state) {
		return errors.New("not valid JSON")
	}
	if b := bytes.TrimLeft(state, " \t\r\n"); len(b) == 0 || b[0] != '{' {
		return errors.New("not a JSON object")
	}
	return nil
}

// marshalJSON is json.Marshal without HTML escaping, which only makes links longer.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Options are the choices of a caller that opens documents and links. The zero value brings
// documents up to this package's Version with its own migrations and checks lab states only
// for shape.
type Options struct {
	// Migrations brings older documents up to date. If Migrations is nil, the migrations of
	// this package are used.
	Migrations Migrations
	// Validate, if not nil, checks a lab's state after migration; an error is reported as
	// ErrInvalidState with its text. Simple widgets are checked by their Parse functions.
	Validate func(w Widget, state json.RawMessage) error
}

func (o Options) migrations() Migrations {
	if o.Migrations == nil {
		return builtinMigrations()
	}
	return o.Migrations
}

// Unmarshal opens a document file with the zero Options.
func Unmarshal(data []byte) (Document, error) { return Options{}.Unmarshal(data) }

// Unmarshal opens a document file: it checks its size, JSON, format tag, version and widget,
// migrates an older version, and checks the state. Every error is a *DecodeError.
func (o Options) Unmarshal(data []byte) (Document, error) {
	return o.decode(data, false)
}

// rawDocument is a document as found, before any check.
type rawDocument struct {
	Format  json.RawMessage `json:"format"`
	Version json.RawMessage `json:"version"`
	Widget  json.RawMessage `json:"widget"`
	Name    json.RawMessage `json:"name"`
	State   json.RawMessage `json:"state"`
	Step    json.RawMessage `json:"step"`
}

func (o Options) decode(data []byte, link bool) (Document, error) {
	fail := func(kind error, detail string, partial Document, err error) (Document, error) {
		return Document{}, &DecodeError{Kind: kind, Link: link, Detail: detail, Partial: partial, Err: err}
	}
	if len(data) > MaxDocumentBytes {
		return fail(ErrTooLarge, fmt.Sprintf("%d bytes, more than the limit of %d", len(data), MaxDocumentBytes), Document{}, nil)
	}
	if !utf8.Valid(data) {
		return fail(ErrMalformed, "it is not UTF-8 text", readPartial(data), nil)
	}
	if b := bytes.TrimLeft(data, " \t\r\n"); len(b) == 0 {
		return fail(ErrTruncated, "it is empty", Document{}, nil)
	} else if b[0] != '{' {
		return fail(ErrNotScenario, "it does not start with a JSON object", Document{}, nil)
	}
	var raw rawDocument
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		var syntax *json.SyntaxError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fail(ErrTruncated, "the scenario's JSON stops early", readPartial(data), err)
		case errors.As(err, &syntax):
			return fail(ErrMalformed, fmt.Sprintf("at byte %d: %v", syntax.Offset, err), readPartial(data), err)
		default:
			return fail(ErrMalformed, err.Error(), readPartial(data), err)
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(ErrMalformed, fmt.Sprintf("unexpected data after the scenario at byte %d", dec.InputOffset()), readPartial(data), nil)
	}

	var d Document
	var nameErr string
	if json.Unmarshal(raw.Widget, &d.Widget) != nil {
		d.Widget = ""
	}
	if len(raw.Name) > 0 && json.Unmarshal(raw.Name, &d.Name) != nil {
		nameErr = "the name is not a string"
	}
	version, versionErr := readVersion(raw.Version)
	d.Version = version
	partial := d
	if !d.Widget.IsValid() {
		partial.Widget = ""
	}
	if d.Widget.IsSimple() {
		partial.State = raw.State
		if _, err := simpleState(raw.State); err != nil {
			partial.State = nil
		}
	}

	var format string
	if json.Unmarshal(raw.Format, &format) != nil || format != FormatTag {
		found := "no format tag"
		if len(raw.Format) > 0 {
			found = "format " + shorten(string(raw.Format))
		}
		return fail(ErrNotScenario, fmt.Sprintf("it has %s, not %q", found, FormatTag), partial, nil)
	}
	if versionErr != "" {
		return fail(ErrMalformed, versionErr, partial, nil)
	}
	migrations := o.migrations()
	if latest := migrations.Latest(); d.Version > latest {
		return fail(ErrNewerVersion, fmt.Sprintf("it is version %d; this version reads up to %d", d.Version, latest), partial, nil)
	}
	if !d.Widget.IsValid() {
		found := "no widget"
		if len(raw.Widget) > 0 {
			found = "widget " + shorten(string(raw.Widget))
		}
		return fail(ErrUnknownWidget, "it names "+found, partial, nil)
	}
	step, stepErr := readStep(raw.Step, d.Widget)
	switch {
	case nameErr != "":
		return fail(ErrMalformed, nameErr, partial, nil)
	case stepErr != "":
		return fail(ErrMalformed, stepErr, partial, nil)
	case len(d.Name) > MaxNameBytes:
		return fail(ErrMalformed, fmt.Sprintf("the name is %d bytes, more than the limit of %d", len(d.Name), MaxNameBytes), partial, nil)
	case len(raw.State) == 0 || string(raw.State) == "null":
		return fail(ErrInvalidState, "it has no state", partial, nil)
	}
	d.Format = FormatTag
	d.State = raw.State
	d.Step = step

	d, err := migrations.Apply(d)
	if err != nil {
		return fail(ErrMigration, err.Error(), partial, err)
	}
	if err := checkState(d.Widget, d.State); err != nil {
		return fail(ErrInvalidState, err.Error(), partial, err)
	}
	if o.Validate != nil && d.Widget.IsLab() {
		if err := o.Validate(d.Widget, d.State); err != nil {
			return fail(ErrInvalidState, err.Error(), partial, err)
		}
	}
	return d, nil
}

// readVersion reads a document's version field, or says what is wrong with it.
func readVersion(raw json.RawMessage) (int, string) {
	if len(raw) == 0 {
		return 0, "it has no version"
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 1 {
		return 0, "its version " + shorten(string(raw)) + " is not a whole number from 1"
	}
	return v, ""
}

// readStep reads a document's optional step field, or says what is wrong
// with it.
func readStep(raw json.RawMessage, w Widget) (*int, string) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, ""
	}
	n, err := strconv.Atoi(string(raw))
	switch {
	case err != nil || n < 0:
		return nil, "its step " + shorten(string(raw)) + " is not a whole number from 0"
	case !w.IsLab():
		return nil, "it keeps a step, which only labs have"
	}
	return &n, ""
}

// readPartial reads what it can of a document that stops early or is damaged: the widget,
// name and version found before the damage, and the parameters of a simple widget that were
// read in full.
func readPartial(data []byte) Document {
	var d Document
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return d
	}
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			break
		}
		switch key {
		case "widget":
			var w Widget
			if dec.Decode(&w) == nil && w.IsValid() {
				d.Widget = w
			}
		case "name":
			var n string
			if dec.Decode(&n) == nil && len(n) <= MaxNameBytes {
				d.Name = n
			}
		case "version":
			var raw json.RawMessage
			if dec.Decode(&raw) == nil {
				d.Version, _ = readVersion(raw)
			}
		case "state":
			if d.Widget.IsSimple() {
				d.State = partialParams(dec)
			}
			return d
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return d
			}
		}
		if err != nil {
			break
		}
	}
	return d
}

// partialParams reads the parameters of a simple widget's state object that are complete.
func partialParams(dec *json.Decoder) json.RawMessage {
	m := map[string]string{}
	if t, err := dec.Token(); err == nil && t == json.Delim('{') {
		for dec.More() && len(m) < MaxParams {
			k, err1 := dec.Token()
			v, err2 := dec.Token()
			key, ok1 := k.(string)
			value, ok2 := v.(string)
			if err1 != nil || err2 != nil || !ok1 || !ok2 {
				break
			}
			m[key] = value
		}
	}
	if len(m) == 0 {
		return nil
	}
	b, _ := marshalJSON(m)
	return b
}
