package scenario_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
)

// natDoc is a lab document with an opaque state.
func natDoc() scenario.Document {
	return scenario.Document{
		Widget: scenario.WidgetNAT,
		Name:   "Home router <double NAT>",
		State:  json.RawMessage(`{"devices":[{"name":"laptop","ip":"192.168.1.10"}],"router":{"wan":"100.64.0.7","mapping":"endpoint-independent"}}`),
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	docs := []scenario.Document{
		natDoc(),
		{Widget: scenario.WidgetBind, State: json.RawMessage(`{}`)},
		{Widget: scenario.WidgetK8s, Name: "ünïcode ✓", State: json.RawMessage(` { "pods" : [ 1, 2 ] } `)},
		{Widget: scenario.WidgetPractice, State: json.RawMessage(`{"seed":42,"set":"subnetting"}`)},
		scenario.NewDocument(scenario.SubnetState{Net: "10.0.0.0/20"}, "office"),
		scenario.NewDocument(scenario.PlanState{List: "a\nb"}, ""),
	}
	for _, d := range docs {
		b, err := scenario.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal(%s) error: %v", d.Widget, err)
		}
		got, err := scenario.Unmarshal(b)
		if err != nil {
			t.Fatalf("Unmarshal(Marshal(%s)) error: %v\n%s", d.Widget, err, b)
		}
		if !sameDocument(got, d) {
			t.Errorf("Unmarshal(Marshal(%v)) = %v", d, got)
		}
		if !bytes.HasSuffix(b, []byte("}\n")) || !bytes.Contains(b, []byte("\n\t\"widget\": ")) {
			t.Errorf("Marshal(%s) is not an indented file:\n%s", d.Widget, b)
		}
	}
}

// sameDocument reports whether a and b are the same scenario, ignoring JSON spacing and the
// fields Marshal fills in.
func sameDocument(a, b scenario.Document) bool {
	var sa, sb bytes.Buffer
	if json.Compact(&sa, a.State) != nil || json.Compact(&sb, b.State) != nil {
		return false
	}
	version := func(v int) int { return max(v, scenario.Version) }
	return a.Widget == b.Widget && a.Name == b.Name && version(a.Version) == version(b.Version) && sa.String() == sb.String()
}

func TestMarshalErrors(t *testing.T) {
	tests := []struct {
		d    scenario.Document
		want string
	}{
		{scenario.Document{Widget: "router", State: json.RawMessage(`{}`)}, `scenario: unknown widget "router"`},
		{scenario.Document{Widget: scenario.WidgetNAT}, "scenario: state of nat: not valid JSON"},
		{scenario.Document{Widget: scenario.WidgetNAT, State: json.RawMessage(`[1]`)}, "scenario: state of nat: not a JSON object"},
		{scenario.Document{Widget: scenario.WidgetNAT, State: json.RawMessage(`{`)}, "scenario: state of nat: not valid JSON"},
		{scenario.Document{Widget: scenario.WidgetAddr, State: json.RawMessage(`{"ip":4}`)}, "scenario: state of addr: the parameters must be a JSON object of strings"},
		{scenario.Document{Widget: scenario.WidgetAddr, State: json.RawMessage("{\"ip\":\"\xff\"}")}, "scenario: state of addr: not UTF-8 text"},
		{scenario.Document{Widget: scenario.WidgetNAT, Name: strings.Repeat("n", 257), State: json.RawMessage(`{}`)}, "scenario: name is 257 bytes, more than the limit of 256"},
		{scenario.Document{Widget: scenario.WidgetNAT, Name: "\xff", State: json.RawMessage(`{}`)}, "scenario: name is not valid UTF-8 text"},
		{scenario.Document{Widget: scenario.WidgetNAT, Version: -1, State: json.RawMessage(`{}`)}, "scenario: version -1 is not a version"},
		{scenario.Document{Widget: scenario.WidgetNAT, State: json.RawMessage(`{"x":"` + strings.Repeat("x", scenario.MaxDocumentBytes) + `"}`)},
			fmt.Sprintf("scenario: %d bytes, more than the limit of %d", scenario.MaxDocumentBytes+75, scenario.MaxDocumentBytes)},
	}
	for _, tt := range tests {
		_, err := scenario.Marshal(tt.d)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Marshal(%.60s) error = %v; want %q", tt.d.State, err, tt.want)
		}
		if _, err := scenario.Fragment(tt.d); err == nil {
			t.Errorf("Fragment(%.60s) succeeded; want an error", tt.d.State)
		}
	}
}

func TestUnmarshalErrors(t *testing.T) {
	header := `{"format":"netground/scenario","version":1,"widget":"nat","name":"x",`
	tests := []struct {
		data    string
		kind    error
		text    string
		partial scenario.Document
	}{
		{"", scenario.ErrTruncated, "the file is cut short: it is empty", scenario.Document{}},
		{"  \n", scenario.ErrTruncated, "the file is cut short: it is empty", scenario.Document{}},
		{header + `"state":{"a":[1,2`, scenario.ErrTruncated, "the file is cut short: the scenario's JSON stops early",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{`{"format":"netground/scenario","widget":"addr","state":{"ip":"1.2.3.4","q":"cut`, scenario.ErrTruncated,
			"the file is cut short: the scenario's JSON stops early",
			scenario.Document{Widget: scenario.WidgetAddr, State: json.RawMessage(`{"ip":"1.2.3.4"}`)}},
		{header + `"state":{}} x`, scenario.ErrMalformed, "the file does not hold a well-formed scenario: unexpected data after the scenario at byte 81",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{header + `"state":{]}`, scenario.ErrMalformed, "the file does not hold a well-formed scenario: at byte 79: invalid character ']' looking for beginning of object key string",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{"{\"name\":\"\xff\"}", scenario.ErrMalformed, "the file does not hold a well-formed scenario: it is not UTF-8 text", scenario.Document{Name: "\uFFFD"}},
		{`[1,2]`, scenario.ErrNotScenario, "the file does not hold a Netground scenario: it does not start with a JSON object", scenario.Document{}},
		{`{"widget":"nat","state":{}}`, scenario.ErrNotScenario, `the file does not hold a Netground scenario: it has no format tag, not "netground/scenario"`,
			scenario.Document{Widget: scenario.WidgetNAT}},
		{`{"format":"tiddlywiki","version":1}`, scenario.ErrNotScenario, `the file does not hold a Netground scenario: it has format "tiddlywiki", not "netground/scenario"`,
			scenario.Document{Version: 1}},
		{`{"format":"netground/scenario","widget":"nat","state":{}}`, scenario.ErrMalformed, "the file does not hold a well-formed scenario: it has no version",
			scenario.Document{Widget: scenario.WidgetNAT}},
		{`{"format":"netground/scenario","version":"1","widget":"nat","state":{}}`, scenario.ErrMalformed,
			`the file does not hold a well-formed scenario: its version "1" is not a whole number from 1`, scenario.Document{Widget: scenario.WidgetNAT}},
		{`{"format":"netground/scenario","version":1.5,"widget":"nat","state":{}}`, scenario.ErrMalformed,
			`the file does not hold a well-formed scenario: its version 1.5 is not a whole number from 1`, scenario.Document{Widget: scenario.WidgetNAT}},
		{`{"format":"netground/scenario","version":2,"widget":"vpn","name":"future","state":{}}`, scenario.ErrNewerVersion,
			"the file was made by a newer version of Netground: it is version 2; this version reads up to 1", scenario.Document{Version: 2, Name: "future"}},
		{`{"format":"netground/scenario","version":7,"widget":"subnet","state":{"net":"10.0.0.0/8","mask2":"x"}}`, scenario.ErrNewerVersion,
			"the file was made by a newer version of Netground: it is version 7; this version reads up to 1",
			scenario.Document{Version: 7, Widget: scenario.WidgetSubnet, State: json.RawMessage(`{"net":"10.0.0.0/8","mask2":"x"}`)}},
		{`{"format":"netground/scenario","version":1,"widget":"vpn","state":{}}`, scenario.ErrUnknownWidget,
			`the scenario is for an unknown widget: it names widget "vpn"`, scenario.Document{Version: 1}},
		{`{"format":"netground/scenario","version":1,"state":{}}`, scenario.ErrUnknownWidget,
			"the scenario is for an unknown widget: it names no widget", scenario.Document{Version: 1}},
		{header[:len(header)-4] + `7,"state":{}}`, scenario.ErrMalformed, "the file does not hold a well-formed scenario: the name is not a string",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT}},
		{header[:len(header)-4] + `"` + strings.Repeat("n", 300) + `","state":{}}`, scenario.ErrMalformed,
			"the file does not hold a well-formed scenario: the name is 300 bytes, more than the limit of 256",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: strings.Repeat("n", 300)}},
		{header + `"state":null}`, scenario.ErrInvalidState, "the scenario's state is not valid: it has no state",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{header[:len(header)-1] + `}`, scenario.ErrInvalidState, "the scenario's state is not valid: it has no state",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{header + `"state":[]}`, scenario.ErrInvalidState, "the scenario's state is not valid: not a JSON object",
			scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}},
		{`{"format":"netground/scenario","version":1,"widget":"plan","state":{"list":["a"]}}`, scenario.ErrInvalidState,
			"the scenario's state is not valid: the parameters must be a JSON object of strings", scenario.Document{Version: 1, Widget: scenario.WidgetPlan}},
		{header + `"state":{"x":"` + strings.Repeat("x", scenario.MaxDocumentBytes) + `"}}`, scenario.ErrTooLarge,
			fmt.Sprintf("the file's scenario is too large: %d bytes, more than the limit of %d", scenario.MaxDocumentBytes+len(header)+17, scenario.MaxDocumentBytes),
			scenario.Document{}},
	}
	for _, tt := range tests {
		_, err := scenario.Unmarshal([]byte(tt.data))
		checkDecodeError(t, fmt.Sprintf("Unmarshal(%.70q)", tt.data), err, tt.kind, tt.text, tt.partial, false)
	}
}

// checkDecodeError checks that err is a *DecodeError of exactly kind, with text and partial.
func checkDecodeError(t *testing.T, call string, err error, kind error, text string, partial scenario.Document, link bool) {
	t.Helper()
	var de *scenario.DecodeError
	if !errors.As(err, &de) {
		t.Errorf("%s error = %v; want a *DecodeError", call, err)
		return
	}
	for _, k := range allKinds() {
		if errors.Is(err, k) != (k == kind) {
			t.Errorf("%s: errors.Is(%v, %v) = %v", call, err, k, errors.Is(err, k))
		}
	}
	if text != "" && err.Error() != text {
		t.Errorf("%s error:\n%q\nwant\n%q", call, err.Error(), text)
	}
	if de.Link != link {
		t.Errorf("%s error Link = %v; want %v", call, de.Link, link)
	}
	if !reflect.DeepEqual(de.Partial, partial) && partial.Widget != "*" {
		t.Errorf("%s Partial = %+v (%s); want %+v (%s)", call, de.Partial, de.Partial.State, partial, partial.State)
	}
}

func allKinds() []error {
	return []error{scenario.ErrNoScenario, scenario.ErrTooLong, scenario.ErrTooLarge, scenario.ErrTruncated,
		scenario.ErrDamaged, scenario.ErrMalformed, scenario.ErrNotScenario, scenario.ErrUnknownWidget,
		scenario.ErrNewerVersion, scenario.ErrMigration, scenario.ErrInvalidState}
}

func TestValidate(t *testing.T) {
	errNoRouter := errors.New(`nat: the router "r1" is missing`)
	opts := scenario.Options{Validate: func(w scenario.Widget, state json.RawMessage) error {
		if w == scenario.WidgetNAT && !bytes.Contains(state, []byte(`"router"`)) {
			return errNoRouter
		}
		return nil
	}}
	good, _ := scenario.Marshal(natDoc())
	if _, err := opts.Unmarshal(good); err != nil {
		t.Errorf("Unmarshal(valid nat) error: %v", err)
	}
	bad, _ := scenario.Marshal(scenario.Document{Widget: scenario.WidgetNAT, Name: "x", State: json.RawMessage(`{}`)})
	_, err := opts.Unmarshal(bad)
	checkDecodeError(t, "Unmarshal(nat without router)", err, scenario.ErrInvalidState,
		`the scenario's state is not valid: nat: the router "r1" is missing`,
		scenario.Document{Version: 1, Widget: scenario.WidgetNAT, Name: "x"}, false)
	if !errors.Is(err, errNoRouter) {
		t.Errorf("errors.Is(%v, errNoRouter) = false", err)
	}
	f, _ := scenario.Fragment(scenario.Document{Widget: scenario.WidgetNAT, State: json.RawMessage(`{}`)})
	_, err = opts.DecodeFragment(f)
	checkDecodeError(t, "DecodeFragment(nat without router)", err, scenario.ErrInvalidState, "",
		scenario.Document{Version: 1, Widget: scenario.WidgetNAT}, true)
	// Simple widgets are left to their Parse functions.
	simple, _ := scenario.Marshal(scenario.NewDocument(scenario.AddrState{IP: "x"}, ""))
	if _, err := opts.Unmarshal(simple); err != nil {
		t.Errorf("Unmarshal(addr) error: %v", err)
	}
}

func TestMigrations(t *testing.T) {
	// A pretend version 2 renames the nat lab's "devices" to "hosts" and upper-cases names.
	v1to2 := func(d scenario.Document) (scenario.Document, error) {
		if d.Widget != scenario.WidgetNAT {
			return d, nil
		}
		var state map[string]json.RawMessage
		if err := json.Unmarshal(d.State, &state); err != nil {
			return d, err
		}
		if _, ok := state["broken"]; ok {
			return d, errors.New(`"broken" cannot be carried over`)
		}
		if devices, ok := state["devices"]; ok {
			state["hosts"] = devices
			delete(state, "devices")
		}
		d.State, _ = json.Marshal(state)
		d.Name = strings.ToUpper(d.Name)
		return d, nil
	}
	v2to3 := func(d scenario.Document) (scenario.Document, error) {
		d.Name += " (v3)"
		return d, nil
	}
	tests := []struct {
		chain   scenario.Migrations
		doc     string
		want    string // the document after migration, as compact JSON
		kind    error
		errText string
	}{
		{scenario.Migrations{v1to2},
			`{"format":"netground/scenario","version":1,"widget":"nat","name":"home","state":{"devices":[1]}}`,
			`{"format":"netground/scenario","version":2,"widget":"nat","name":"HOME","state":{"hosts":[1]}}`, nil, ""},
		{scenario.Migrations{v1to2, v2to3},
			`{"format":"netground/scenario","version":1,"widget":"nat","name":"home","state":{"devices":[1]}}`,
			`{"format":"netground/scenario","version":3,"widget":"nat","name":"HOME (v3)","state":{"hosts":[1]}}`, nil, ""},
		{scenario.Migrations{v1to2, v2to3},
			`{"format":"netground/scenario","version":2,"widget":"nat","name":"home","state":{"devices":[1]}}`,
			`{"format":"netground/scenario","version":3,"widget":"nat","name":"home (v3)","state":{"devices":[1]}}`, nil, ""},
		{scenario.Migrations{v1to2},
			`{"format":"netground/scenario","version":2,"widget":"bind","state":{}}`,
			`{"format":"netground/scenario","version":2,"widget":"bind","state":{}}`, nil, ""},
		{scenario.Migrations{v1to2},
			`{"format":"netground/scenario","version":3,"widget":"bind","state":{}}`,
			"", scenario.ErrNewerVersion, "the file was made by a newer version of Netground: it is version 3; this version reads up to 2"},
		{scenario.Migrations{v1to2},
			`{"format":"netground/scenario","version":1,"widget":"nat","state":{"broken":1}}`,
			"", scenario.ErrMigration, `the scenario could not be brought up to date: from version 1 to 2: "broken" cannot be carried over`},
		{scenario.Migrations{nil},
			`{"format":"netground/scenario","version":1,"widget":"nat","state":{}}`,
			"", scenario.ErrMigration, `the scenario could not be brought up to date: from version 1 to 2: no migration`},
		{scenario.Migrations{func(d scenario.Document) (scenario.Document, error) { d.Widget = "gone"; return d, nil }},
			`{"format":"netground/scenario","version":1,"widget":"nat","state":{}}`,
			"", scenario.ErrMigration, `the scenario could not be brought up to date: from version 1 to 2: unknown widget "gone"`},
		{scenario.Migrations{func(d scenario.Document) (scenario.Document, error) { d.State = json.RawMessage(`[]`); return d, nil }},
			`{"format":"netground/scenario","version":1,"widget":"nat","state":{}}`,
			"", scenario.ErrInvalidState, `the scenario's state is not valid: not a JSON object`},
	}
	for _, tt := range tests {
		opts := scenario.Options{Migrations: tt.chain}
		d, err := opts.Unmarshal([]byte(tt.doc))
		if tt.kind != nil {
			checkDecodeError(t, fmt.Sprintf("Unmarshal(%s)", tt.doc), err, tt.kind, tt.errText, scenario.Document{Widget: "*"}, false)
			continue
		}
		if err != nil {
			t.Errorf("Unmarshal(%s) error: %v", tt.doc, err)
			continue
		}
		got, _ := json.Marshal(d)
		if string(got) != tt.want {
			t.Errorf("Unmarshal(%s) with %d migrations =\n%s\nwant\n%s", tt.doc, len(tt.chain), got, tt.want)
		}
		// The same chain applies to links.
		f, err := scenario.Fragment(mustUnmarshalRaw(t, tt.doc))
		if err != nil {
			t.Fatal(err)
		}
		if fd, err := opts.DecodeFragment(f); err != nil || !reflect.DeepEqual(fd, d) {
			t.Errorf("DecodeFragment of %s = %v, %v; want %v", tt.doc, fd, err, d)
		}
	}
	if got := (scenario.Migrations{v1to2, v2to3}).Latest(); got != 3 {
		t.Errorf("Latest() = %d; want 3", got)
	}
	if _, err := (scenario.Migrations{}).Apply(scenario.Document{Version: 0}); err == nil {
		t.Errorf("Apply(version 0) succeeded; want an error")
	}
}

// mustUnmarshalRaw reads a document without checks, to write it again at its own version.
func mustUnmarshalRaw(t *testing.T, s string) scenario.Document {
	var d scenario.Document
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		t.Fatal(err)
	}
	return d
}
