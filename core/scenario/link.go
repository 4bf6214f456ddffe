package scenario

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// CodecVersion is the version of the fragment encoding this package writes and reads: the
// "1." in #s=1.<data>. Version 1 is raw DEFLATE (RFC 1951) with a fixed preset dictionary,
// in unpadded base64url (RFC 4648, section 5).
const CodecVersion = 1

// Limits on links.
const (
	// MaxLinkBytes is the longest scenario a fragment may carry, after "s=".
	MaxLinkBytes = 64 << 10
	// MaxQueryLinkBytes is the longest query Link writes; a longer state goes into the
	// fragment when that is shorter. About 2,000 bytes is the length beyond which some chat
	// tools, mail clients and servers start to cut or refuse links.
	MaxQueryLinkBytes = 2000
)

// scenarioPart names the fragment's part that holds the scenario;
// fragmentKey introduces it.
const (
	scenarioPart = "s"
	fragmentKey  = scenarioPart + "="
)

// dictionary primes DEFLATE with the text every document starts with and the names that recur
// in states. It is part of codec version 1 and must never change.
const dictionary = `"list":"10.0.0.0/8\n172.16.0.0/12\n192.168.0.0/16\n","mode":"","net":"","parts":"","len":"","page":"","host":"","gw":"","cloud":"","ip":"","q":"","b":"` +
	`"id":"","type":"","addr":"","port":"","proto":"tcp","udp","true,false,null,` +
	`{"format":"netground/scenario","version":1,"widget":"nat","bind","k8s","practice","addr","subnet","plan","ports","name":"","state":{"`

// deflaters keeps DEFLATE writers primed with the dictionary: a new one
// allocates almost a megabyte, more work than compressing a scenario.
var deflaters = sync.Pool{New: func() any {
	w, err := flate.NewWriterDict(nil, flate.BestCompression, []byte(dictionary))
	if err != nil {
		panic(err) // only for a bad level, and the level is a constant
	}
	return w
}}

// Fragment returns d as a link fragment (without the "#"): "s=1." followed by the document's
// compact JSON, deflated and in base64url. It fails as Marshal does, and with ErrTooLong when
// the result is longer than MaxLinkBytes.
func Fragment(d Document) (string, error) {
	b, err := marshalDocument(d)
	if err != nil {
		return "", err
	}
	var z bytes.Buffer
	w := deflaters.Get().(*flate.Writer)
	w.Reset(&z)
	w.Write(b) // writes to a bytes.Buffer cannot fail
	w.Close()
	deflaters.Put(w)
	prefix := fragmentKey + strconv.Itoa(CodecVersion) + "."
	n := len(prefix) - len(fragmentKey) + base64.RawURLEncoding.EncodedLen(z.Len())
	if n > MaxLinkBytes {
		return "", fmt.Errorf("scenario: %w: %d bytes, more than the limit of %d; save or export it as a file instead", ErrTooLong, n, MaxLinkBytes)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(z.Bytes()), nil
}

// DecodeFragment opens the scenario in a link fragment with the zero Options.
func DecodeFragment(fragment string) (Document, error) {
	return Options{}.DecodeFragment(fragment)
}

// DecodeFragment opens the scenario in a link fragment, with or without its "#": the
// &-separated part that starts with "s=". It reads at most MaxLinkBytes of link and inflates
// at most MaxDocumentBytes, then checks the document as Unmarshal does. Every error is a
// *DecodeError; a link cut short or damaged reports in Partial what could be read.
func (o Options) DecodeFragment(fragment string) (Document, error) {
	fail := func(kind error, detail string, partial Document, err error) (Document, error) {
		return Document{}, &DecodeError{Kind: kind, Link: true, Detail: detail, Partial: partial, Err: err}
	}
	payload, ok := FragmentPart(fragment, scenarioPart)
	if !ok {
		return fail(ErrNoScenario, "", Document{}, nil)
	}
	if len(payload) > MaxLinkBytes {
		return fail(ErrTooLong, fmt.Sprintf("%d bytes, more than the limit of %d", len(payload), MaxLinkBytes), Document{}, nil)
	}
	version, data, ok := strings.Cut(payload, ".")
	if !ok {
		if payload == "" {
			return fail(ErrTruncated, "nothing follows s=", Document{}, nil)
		}
		if strings.Trim(payload, "0123456789") == "" {
			return fail(ErrTruncated, "the scenario stops after its version", Document{}, nil)
		}
		return fail(ErrDamaged, "it does not start with a version such as \"1.\"", Document{}, nil)
	}
	v, err := strconv.Atoi(version)
	switch {
	case err != nil || v < 1:
		return fail(ErrDamaged, "it does not start with a version such as \"1.\"", Document{}, nil)
	case v > CodecVersion:
		return fail(ErrNewerVersion, fmt.Sprintf("it uses link encoding %d; this version reads up to %d", v, CodecVersion), Document{}, nil)
	}

	data = strings.TrimRight(data, "=")
	if i := strings.IndexFunc(data, notBase64URL); i >= 0 {
		return fail(ErrDamaged, fmt.Sprintf("character %q at position %d does not belong in a link", data[i], len(fragmentKey)+len(version)+1+i), Document{}, nil)
	}
	cut := len(data)%4 == 1
	if cut {
		data = data[:len(data)-1]
	}
	z, err := base64.RawURLEncoding.DecodeString(data)
	if err != nil {
		return fail(ErrDamaged, "the link's characters do not decode", Document{}, err)
	}
	doc, err := inflate(z)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || (cut && err != nil):
		return fail(ErrTruncated, fmt.Sprintf("the compressed scenario stops after %d bytes", len(z)), readPartial(doc), err)
	case errors.Is(err, ErrTooLarge):
		return fail(ErrTooLarge, fmt.Sprintf("it inflates to more than %d bytes", MaxDocumentBytes), readPartial(doc), nil)
	case err != nil:
		return fail(ErrDamaged, "the compressed data is not valid", readPartial(doc), err)
	case cut:
		return fail(ErrDamaged, "it has a stray character at the end", readPartial(doc), nil)
	}
	return o.decode(doc, true)
}

// errTrailing means data follows the end of the compressed stream.
var errTrailing = errors.New("data after the end of the compressed scenario")

// inflate decompresses z, stopping past MaxDocumentBytes with ErrTooLarge. On error it also
// returns what was inflated before it.
func inflate(z []byte) ([]byte, error) {
	src := bytes.NewReader(z)
	r := flate.NewReaderDict(src, []byte(dictionary))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	switch {
	case err != nil:
		return out, err
	case len(out) > MaxDocumentBytes:
		return out[:MaxDocumentBytes], ErrTooLarge
	case src.Len() > 0:
		return out, errTrailing
	}
	return out, nil
}

func notBase64URL(r rune) bool {
	return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_')
}

// HasScenario reports whether a link's fragment carries a scenario (s=…),
// which ReadLink decodes; without one, ReadLink reads the query alone, as
// SplitQuery does.
func HasScenario(fragment string) bool {
	_, ok := FragmentPart(fragment, scenarioPart)
	return ok
}

// FragmentPart returns the value of the first part key=value of a link's
// fragment, with or without its "#", whose parts are separated by "&", such
// as "lib=0123abcd" in "#s=1.eJ…&lib=0123abcd". The value is as written, not
// unescaped; ok reports whether there is such a part.
func FragmentPart(fragment, key string) (value string, ok bool) {
	rest := strings.TrimPrefix(fragment, "#")
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, "&")
		if v, found := strings.CutPrefix(part, key+"="); found {
			return v, true
		}
	}
	return "", false
}

// PreferQuery reports whether a state whose query is queryBytes long should be linked by its
// query rather than by a fragment of fragmentBytes: when the query is at most
// MaxQueryLinkBytes, or no longer than the fragment.
func PreferQuery(queryBytes, fragmentBytes int) bool {
	return queryBytes <= MaxQueryLinkBytes || queryBytes <= fragmentBytes
}

// Link returns the share link of a simple widget's state at path (such as "/plan" or
// "/embed/plan"): path?query, readable, while the query is at most MaxQueryLinkBytes, and
// otherwise the shorter of that and path#s=…. It fails with ErrTooLong when neither fits in
// MaxLinkBytes.
func Link(path string, s State) (string, error) {
	q := s.Encode()
	if q == "" {
		return path, nil
	}
	if len(q) <= MaxQueryLinkBytes {
		return path + "?" + q, nil
	}
	f, err := Fragment(NewDocument(s, ""))
	if err != nil && len(q) > MaxLinkBytes {
		return "", err
	}
	if err != nil || PreferQuery(len(q), len(f)) {
		return path + "?" + q, nil
	}
	return path + "#" + f, nil
}

// ReadLink returns the query parameters of a link to simple widget w, given the link's raw
// query and fragment. If the fragment carries a scenario, its parameters replace those of
// the query (page parameters such as readonly stay). It never fails: a damaged or foreign
// scenario, or a broken query, comes back as problems, with whatever could be read. Pass the
// result to the widget's Parse function.
func ReadLink(w Widget, rawQuery, fragment string) (url.Values, []Problem) {
	q, problems := SplitQuery(rawQuery)
	if _, ok := FragmentPart(fragment, scenarioPart); !ok {
		return q, problems
	}
	d, err := DecodeFragment(fragment)
	if err != nil {
		var de *DecodeError
		if errors.As(err, &de) {
			d = de.Partial
		}
		problems = append(problems, Problem{Param: "s", Reason: err.Error() + readPart(d)})
		if d.Widget != w {
			return q, problems
		}
	} else if d.Widget != w {
		problems = append(problems, Problem{Param: "s", Reason: fmt.Sprintf("the link's scenario is for the %s widget, not %s; ignored", d.Widget, w)})
		return q, problems
	}
	params, err := d.Query()
	if err != nil {
		return q, problems
	}
	for k := range q {
		if !IsViewParam(k) || k == "v" {
			delete(q, k)
		}
	}
	for k, v := range params {
		q[k] = v
	}
	return q, problems
}

// readPart describes what a partial document still holds.
func readPart(d Document) string {
	if len(d.State) > 0 {
		return "; opened with the part that could be read"
	}
	return "; opened with defaults"
}
