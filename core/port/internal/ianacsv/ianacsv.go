// Package ianacsv reads the IANA Service Name and Transport Protocol Port
// Number registry as IANA publishes it (CSV) and writes the compact form that
// package port decodes. The compact format is specified in port/compact.go.
package ianacsv

import (
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Row is one registry row, reduced to the columns Netground keeps.
type Row struct {
	Name        string // service name; empty for unassigned and reserved ports
	Ports       string // "22", "6000-6063" or empty for a service name without a port
	Transport   string // "tcp", "udp", "sctp", "dccp" or empty
	Description string
	Reference   string
}

// Range returns the first and last port of the row and whether it has any.
func (r Row) Range() (first, last uint16, ok bool, err error) {
	if r.Ports == "" {
		return 0, 0, false, nil
	}
	lo, hi, isRange := strings.Cut(r.Ports, "-")
	a, err := strconv.ParseUint(lo, 10, 16)
	if err != nil {
		return 0, 0, false, fmt.Errorf("port %q: %w", r.Ports, err)
	}
	b := a
	if isRange {
		b, err = strconv.ParseUint(hi, 10, 16)
		if err != nil {
			return 0, 0, false, fmt.Errorf("port %q: %w", r.Ports, err)
		}
	}
	if b < a {
		return 0, 0, false, fmt.Errorf("port %q: range ends before it starts", r.Ports)
	}
	return uint16(a), uint16(b), true, nil
}

// Read parses the CSV and returns its rows in file order and the snapshot
// date: the latest registration or modification date found in the file.
func Read(r io.Reader) (rows []Row, snapshot string, err error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, "", fmt.Errorf("reading header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	need := []string{"Service Name", "Port Number", "Transport Protocol", "Description", "Reference", "Registration Date", "Modification Date"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, "", fmt.Errorf("header has no column %q", n)
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", err
		}
		for _, d := range []string{rec[col["Registration Date"]], rec[col["Modification Date"]]} {
			if d > snapshot {
				snapshot = d
			}
		}
		rows = append(rows, Row{
			Name:        rec[col["Service Name"]],
			Ports:       rec[col["Port Number"]],
			Transport:   rec[col["Transport Protocol"]],
			Description: rec[col["Description"]],
			Reference:   rec[col["Reference"]],
		})
	}
	return rows, snapshot, nil
}

// Magic starts every compact registry.
const Magic = "NGPORTS1"

// Flag bits of a compact record; see port/compact.go.
const (
	flagTCP     = 1 << 0
	flagUDP     = 1 << 1
	flagSCTP    = 1 << 2
	flagDCCP    = 1 << 3
	flagPort    = 1 << 4
	flagRange   = 1 << 5
	flagNewName = 1 << 6
	flagNewDesc = 1 << 7
)

func transportBit(t string) (byte, error) {
	switch t {
	case "":
		return 0, nil
	case "tcp":
		return flagTCP, nil
	case "udp":
		return flagUDP, nil
	case "sctp":
		return flagSCTP, nil
	case "dccp":
		return flagDCCP, nil
	}
	return 0, fmt.Errorf("unknown transport %q", t)
}

// Encode writes rows in the compact form. Consecutive rows that differ only in
// their transport become one record when their transports appear in the order
// tcp, udp, sctp, dccp, so decoding and expanding the records gives back the
// rows in file order.
func Encode(rows []Row, snapshot string) ([]byte, error) {
	type record struct {
		row  Row
		bits byte
	}
	var recs []record
	for i, r := range rows {
		bit, err := transportBit(r.Transport)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+2, err)
		}
		if n := len(recs); n > 0 {
			prev := &recs[n-1]
			same := prev.row.Name == r.Name && prev.row.Ports == r.Ports &&
				prev.row.Description == r.Description && prev.row.Reference == r.Reference
			if same && bit != 0 && prev.bits != 0 && bit > prev.bits {
				prev.bits |= bit
				continue
			}
		}
		recs = append(recs, record{row: r, bits: bit})
	}

	var nums, names, descs, refs []byte
	var prevFirst int64
	var prevName, prevDesc string
	for i, rec := range recs {
		first, last, hasPort, err := rec.row.Range()
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		for _, s := range []string{rec.row.Name, rec.row.Description, rec.row.Reference} {
			if strings.IndexByte(s, 0) >= 0 {
				return nil, fmt.Errorf("record %d: NUL byte in %q", i, s)
			}
		}
		flags := rec.bits
		if hasPort {
			flags |= flagPort
			if last != first {
				flags |= flagRange
			}
		}
		if i == 0 || rec.row.Name != prevName {
			flags |= flagNewName
			names = append(append(names, rec.row.Name...), 0)
		}
		if i == 0 || rec.row.Description != prevDesc {
			flags |= flagNewDesc
			descs = append(append(descs, rec.row.Description...), 0)
		}
		refs = append(append(refs, rec.row.Reference...), 0)
		nums = append(nums, flags)
		if hasPort {
			nums = binary.AppendVarint(nums, int64(first)-prevFirst)
			prevFirst = int64(first)
			if last != first {
				nums = binary.AppendUvarint(nums, uint64(last-first))
			}
		}
		prevName, prevDesc = rec.row.Name, rec.row.Description
	}

	out := []byte(Magic)
	out = appendBytes(out, []byte(snapshot))
	out = binary.AppendUvarint(out, uint64(len(recs)))
	for _, section := range [][]byte{nums, names, descs, refs} {
		out = appendBytes(out, section)
	}
	return out, nil
}

func appendBytes(b, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
