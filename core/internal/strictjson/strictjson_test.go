package strictjson_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/netground/netground/core/internal/strictjson"
)

type doc struct {
	V    int    `json:"v"`
	Name string `json:"name,omitempty"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in   string
		want string // error, "" for none
	}{
		{`{"v":1,"name":"a"}`, ""},
		{`{"v":1,"nmae":"a"}`, `scenario: json: unknown field "nmae"`},
		{`{"v":1} {}`, "scenario: unexpected data after the JSON object"},
		{`{"v":"1"}`, "scenario: json: cannot unmarshal string into Go struct field doc.v of type int"},
		{`{"v":1,"name":"` + string(make([]byte, 40)) + `"}`, "scenario: 57 bytes is more than the limit of 50"},
	}
	for _, tt := range tests {
		d, err := strictjson.Decode[doc]("scenario", []byte(tt.in), 50)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Decode(%q) = %+v, %q; want %q", tt.in, d, got, tt.want)
		}
	}
	_, err := strictjson.Decode[doc]("scenario", []byte(`{"v":"x"}`), 50)
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		t.Errorf("Decode error %v does not wrap the JSON error", err)
	}
}

type positive struct {
	V int `json:"v"`
}

func (p positive) Validate() error {
	if p.V <= 0 {
		return errors.New("v: not positive")
	}
	return nil
}

func TestDecodeValid(t *testing.T) {
	tests := []struct {
		in   string
		want positive
		err  string
	}{
		{`{"v":3}`, positive{3}, ""},
		{`{"v":-3}`, positive{}, "v: not positive"},
		{`{"w":3}`, positive{}, `scenario: json: unknown field "w"`},
	}
	for _, tt := range tests {
		got, err := strictjson.DecodeValid[positive]("scenario", []byte(tt.in), 50)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("DecodeValid(%q) = %+v, %q; want %+v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}
