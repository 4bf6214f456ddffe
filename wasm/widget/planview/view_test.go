package planview

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

func TestBuildModes(t *testing.T) {
	tests := []struct {
		name     string
		in       Input
		total    string // rows of the first table
		firstRow []string
		summary  string // a part of the summary
		fieldErr string // a part of NetErr+LenErr+PartsErr
	}{
		{"split by length", Input{Net: "10.0.0.0/16", Len: "24"}, "256", []string{"10.0.0.0/24", "10.0.0.0", "10.0.0.255", "256"}, "256 subnets of /24", ""},
		{"split with slash", Input{Net: "10.0.0.0/16", Len: "/17"}, "2", []string{"10.0.0.0/17", "10.0.0.0", "10.0.127.255", "32768"}, "2 subnets", ""},
		{"split host bits", Input{Net: "192.168.1.77/24", Len: "26"}, "4", []string{"192.168.1.0/26", "192.168.1.0", "192.168.1.63", "64"}, "", ""},
		{"split into itself", Input{Net: "10.0.0.0/24", Len: "24"}, "1", nil, "is itself", ""},
		{"split into parts", Input{Net: "10.0.0.0/24", Parts: "6"}, "8", []string{"10.0.0.0/27", "10.0.0.0", "10.0.0.31", "32"}, "", ""},
		{"split ipv6", Input{Net: "2001:db8::/32", Len: "48"}, "65536", []string{"2001:db8::/48", "2001:db8::", "2001:db8:0:ffff:ffff:ffff:ffff:ffff", "1208925819614629174706176"}, "", ""},
		{"split all of ipv6", Input{Net: "::/0", Len: "128"}, "340282366920938463463374607431768211456", []string{"::/128", "::", "::", "1"}, "each with 1 address.", ""},
		{"split bad net", Input{Net: "10.0.0.0/33", Len: "24"}, "", nil, "", "prefix length 33"},
		{"split empty net", Input{Net: "", Len: "24"}, "", nil, "", "type a network"},
		{"split bad len", Input{Net: "10.0.0.0/16", Len: "abc"}, "", nil, "", `"abc"`},
		{"split len too short", Input{Net: "10.0.0.0/16", Len: "8"}, "", nil, "", "larger than the /16"},
		{"split len too long", Input{Net: "10.0.0.0/16", Len: "33"}, "", nil, "", "longer than the 32 bits"},
		{"split no len", Input{Net: "10.0.0.0/16"}, "", nil, "", "new prefix length"},
		{"split zero parts", Input{Net: "10.0.0.0/16", Parts: "0"}, "", nil, "", "at least 1"},
		{"split too many parts", Input{Net: "10.0.0.0/30", Parts: "5"}, "", nil, "", "at most"},
		{"vlsm", Input{Mode: scenario.PlanVLSM, Net: "192.168.0.0/24", List: "office = 50\nlab = 100\nlink = 2"}, "3", []string{"lab", "100", "192.168.0.0/25", "192.168.0.0", "192.168.0.127", "126", "26"}, "3 subnets fit", ""},
		{"vlsm no list", Input{Mode: scenario.PlanVLSM, Net: "192.168.0.0/24"}, "", nil, "List the subnets", ""},
		{"summarize", Input{Mode: scenario.PlanSummarize, List: "10.0.1.0/24\n10.0.0.0/24\n10.0.2.0/24"}, "2", []string{"10.0.0.0/23", "10.0.0.0", "10.0.1.255", "512"}, "3 prefixes in, 2 out", ""},
		{"range", Input{Mode: scenario.PlanRange, List: "10.0.0.5-10.0.0.20"}, "5", []string{"10.0.0.5-10.0.0.20", "10.0.0.5/32", "10.0.0.5", "10.0.0.5", "1"}, "1 range makes 5 prefixes", ""},
		{"exclude", Input{Mode: scenario.PlanExclude, Net: "10.0.0.0/24", List: "10.0.0.64/26"}, "2", []string{"10.0.0.0/26", "10.0.0.0", "10.0.0.63", "64"}, "64 addresses removed", ""},
		{"exclude everything", Input{Mode: scenario.PlanExclude, Net: "10.0.0.0/24", List: "10.0.0.0/23"}, "0", nil, "0 prefixes", ""},
		{"overlap", Input{Mode: scenario.PlanOverlap, List: "home = 192.168.1.0/24\nvpc = 172.16.0.0/12\ndocker = 172.17.0.0/16"}, "1", []string{"vpc", "172.16.0.0/12", "contains", "docker", "172.17.0.0/16"}, "1 pair", ""},
		{"overlap none", Input{Mode: scenario.PlanOverlap, List: "a = 10.0.0.0/24\nb = 10.0.1.0/24"}, "0", nil, "No overlaps", ""},
		{"next free", Input{Mode: scenario.PlanNextFree, Net: "10.0.0.0/22", Len: "24", List: "10.0.0.0/24\n10.0.2.0/25"}, "2", []string{"10.0.1.0/24", "10.0.1.0", "10.0.1.255", "256"}, "first free /24 in 10.0.0.0/22 is 10.0.1.0/24", ""},
		{"next free ipv6", Input{Mode: scenario.PlanNextFree, Net: "2001:db8::/48", Len: "/64", List: "2001:db8::/64\n2001:db8:0:1::/64"}, "256", []string{"2001:db8:0:2::/64", "2001:db8:0:2::", "2001:db8:0:2:ffff:ffff:ffff:ffff", "18446744073709551616"}, "65534 free /64s fit", ""},
		{"next free empty pool list", Input{Mode: scenario.PlanNextFree, Net: "192.168.1.0/24", Len: "26"}, "4", []string{"192.168.1.0/26", "192.168.1.0", "192.168.1.63", "64"}, "4 free /26s", ""},
		{"next free no room", Input{Mode: scenario.PlanNextFree, Net: "192.168.1.0/24", Len: "25", List: "192.168.1.0/25\n192.168.1.128/26"}, "0", nil, "No /25 is free in 192.168.1.0/24: no /25 is free: the largest free block is a /26", ""},
		{"next free len too short", Input{Mode: scenario.PlanNextFree, Net: "10.0.0.0/16", Len: "8"}, "", nil, "", "larger than the pool"},
		{"next free no len", Input{Mode: scenario.PlanNextFree, Net: "10.0.0.0/16"}, "", nil, "", "length of the subnet"},
		{"ula", Input{Mode: scenario.PlanULA, GID: "123456789a"}, "65536", []string{"0000", "fd12:3456:789a::/64", "fd12:3456:789a::", "fd12:3456:789a:0:ffff:ffff:ffff:ffff", "18446744073709551616"}, "fd12:3456:789a::/48", ""},
		{"ula grouped", Input{Mode: scenario.PlanULA, GID: " 12:3456:789A "}, "65536", nil, "fd12:3456:789a::/48", ""},
		{"ula bad", Input{Mode: scenario.PlanULA, GID: "fd123456789a"}, "", nil, "", "the Global ID is the 10 digits after fd"},
		{"ula empty", Input{Mode: scenario.PlanULA}, "", nil, "", "10 hex digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Build(tt.in)
			errs := v.NetErr + v.LenErr + v.PartsErr + v.GIDErr
			if tt.fieldErr != "" {
				if !strings.Contains(errs, tt.fieldErr) {
					t.Errorf("errors = %q; want %q in them", errs, tt.fieldErr)
				}
				if len(v.Tables) != 0 {
					t.Errorf("an input error still gave %d tables", len(v.Tables))
				}
				return
			}
			if errs != "" {
				t.Fatalf("unexpected error %q", errs)
			}
			if !strings.Contains(v.Summary, tt.summary) {
				t.Errorf("summary = %q; want %q in it", v.Summary, tt.summary)
			}
			if tt.total == "" {
				if len(v.Tables) != 0 {
					t.Errorf("got %d tables; want none", len(v.Tables))
				}
				return
			}
			if len(v.Tables) == 0 {
				t.Fatal("no table")
			}
			tb := v.Tables[0]
			if tb.TotalText != tt.total {
				t.Errorf("total = %s; want %s", tb.TotalText, tt.total)
			}
			if len(tb.Rows) > PageSize {
				t.Errorf("%d rows on a page; want at most %d", len(tb.Rows), PageSize)
			}
			if tt.firstRow != nil {
				if len(tb.Rows) == 0 {
					t.Fatal("no rows")
				}
				if got := strings.Join(tb.Rows[0].Cells, " | "); got != strings.Join(tt.firstRow, " | ") {
					t.Errorf("first row = %s; want %s", got, strings.Join(tt.firstRow, " | "))
				}
				if len(tb.Rows[0].Cells) != len(tb.Columns) {
					t.Errorf("%d cells for %d columns", len(tb.Rows[0].Cells), len(tb.Columns))
				}
			}
			for _, b := range v.Bars {
				if len(b.Blocks) > maxBlocks {
					t.Errorf("bar %s has %d blocks; want at most %d", b.ID, len(b.Blocks), maxBlocks)
				}
				for _, bl := range b.Blocks {
					if bl.X < 0 || bl.W <= 0 || bl.X+bl.W > BarWidth+0.001 || bl.Lane >= b.Lanes || bl.Title == "" {
						t.Errorf("bar %s: block %+v is off the bar or unnamed", b.ID, bl)
					}
				}
			}
		})
	}
}

func TestSplitPartsNote(t *testing.T) {
	v := Build(Input{Net: "10.0.0.0/24", Parts: "6"})
	if !strings.Contains(v.Note, "6 parts rounded up to 8") {
		t.Errorf("note = %q; want it to say 6 parts were rounded up to 8", v.Note)
	}
	if v := Build(Input{Net: "10.0.0.0/24", Parts: "8"}); v.Note != "" {
		t.Errorf("8 parts: note = %q; want none", v.Note)
	}
}

func TestPaging(t *testing.T) {
	huge := subnet.Pow2(128)
	tests := []struct {
		name                       string
		in                         Input
		page, pages, first, last   string
		firstPrefix, lastPrefix    string
		rows                       int
		pageErr                    bool
		hasPrev, hasNext, linkable bool
	}{
		{"first page", Input{Net: "10.0.0.0/16", Len: "24"}, "1", "4", "1", "64", "10.0.0.0/24", "10.0.63.0/24", 64, false, false, true, true},
		{"page 3", Input{Net: "10.0.0.0/16", Len: "24", Page: subnet.CountOf(2), PageAsked: true}, "3", "4", "129", "192", "10.0.128.0/24", "10.0.191.0/24", 64, false, true, true, true},
		{"last page", Input{Net: "10.0.0.0/16", Len: "24", Page: subnet.CountOf(3)}, "4", "4", "193", "256", "10.0.192.0/24", "10.0.255.0/24", 64, false, true, false, true},
		{"past the end", Input{Net: "10.0.0.0/16", Len: "24", Page: subnet.CountOf(99), PageAsked: true}, "4", "4", "193", "256", "10.0.192.0/24", "10.0.255.0/24", 64, true, true, false, true},
		{"short last page", Input{Net: "10.0.0.0/24", Len: "31", Page: subnet.CountOf(1)}, "2", "2", "65", "128", "10.0.0.128/31", "10.0.0.254/31", 64, false, true, false, true},
		{"65536 rows", Input{Net: "10.0.0.0/8", Len: "24", Page: subnet.CountOf(1023)}, "1024", "1024", "65473", "65536", "10.255.192.0/24", "10.255.255.0/24", 64, false, true, false, true},
		{"ipv6 last page", Input{Net: "::/0", Len: "128", Page: huge.Shr(pageBits).Sub(one)}, "5316911983139663491615228241121378304", "5316911983139663491615228241121378304",
			"340282366920938463463374607431768211393", "340282366920938463463374607431768211456", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffc0/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 64, false, true, false, false},
		{"one row", Input{Net: "10.0.0.1/32", Len: "32"}, "1", "1", "1", "1", "10.0.0.1/32", "10.0.0.1/32", 1, false, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Build(tt.in)
			pg := v.Pager
			if pg.PageText != tt.page || pg.PagesText != tt.pages || pg.FirstRow != tt.first || pg.LastRow != tt.last {
				t.Errorf("page %s of %s, rows %s–%s; want page %s of %s, rows %s–%s", pg.PageText, pg.PagesText, pg.FirstRow, pg.LastRow, tt.page, tt.pages, tt.first, tt.last)
			}
			rows := v.Tables[0].Rows
			if len(rows) != tt.rows {
				t.Fatalf("%d rows; want %d", len(rows), tt.rows)
			}
			if rows[0].Cells[0] != tt.firstPrefix || rows[len(rows)-1].Cells[0] != tt.lastPrefix {
				t.Errorf("rows %s … %s; want %s … %s", rows[0].Cells[0], rows[len(rows)-1].Cells[0], tt.firstPrefix, tt.lastPrefix)
			}
			if rows[0].Index != tt.first {
				t.Errorf("first row index %s; want %s", rows[0].Index, tt.first)
			}
			if (pg.Err != "") != tt.pageErr {
				t.Errorf("page error %q; want one: %v", pg.Err, tt.pageErr)
			}
			if pg.HasPrev != tt.hasPrev || pg.HasNext != tt.hasNext || pg.Unlinkable == tt.linkable {
				t.Errorf("prev %v next %v unlinkable %v; want %v %v %v", pg.HasPrev, pg.HasNext, pg.Unlinkable, tt.hasPrev, tt.hasNext, !tt.linkable)
			}
			for _, b := range v.Bars {
				if len(b.Blocks) > PageSize+2 {
					t.Errorf("bar %s draws %d blocks for one page", b.ID, len(b.Blocks))
				}
				if want := tt.lastPrefix + ":"; !strings.HasPrefix(b.Blocks[len(b.Blocks)-1].Title, want) {
					t.Errorf("the picture's last block is %q; want the page's last subnet %s", b.Blocks[len(b.Blocks)-1].Title, tt.lastPrefix)
				}
			}
		})
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name        string
		in          Input
		page, hitAt string // hitAt: the prefix of the highlighted row
		result, err string
	}{
		{"split jump", Input{Net: "10.0.0.0/8", Len: "24", Find: "10.1.2.3", Jump: true}, "5", "10.1.2.0/24", "row 259", ""},
		{"ipv6 jump", Input{Net: "::/0", Len: "128", Find: "8000::1", Jump: true}, "2658455991569831745807614120560689153", "8000::1/128", "row 170141183460469231731687303715884105730", ""},
		{"no jump keeps the page", Input{Net: "10.0.0.0/8", Len: "24", Find: "10.1.2.3"}, "1", "", "on page 5", ""},
		{"outside", Input{Net: "10.0.0.0/8", Len: "24", Find: "192.168.1.1", Jump: true}, "1", "", "", "none of the rows"},
		{"not an address", Input{Net: "10.0.0.0/8", Len: "24", Find: "10.1", Jump: true}, "1", "", "", "not an IP address"},
		{"summary rows", Input{Mode: scenario.PlanSummarize, List: "10.0.0.0/24\n10.0.1.0/24\n10.9.0.0/16", Find: "10.9.3.4", Jump: true}, "1", "10.9.0.0/16", "row 2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Build(tt.in)
			if v.Pager.PageText != tt.page {
				t.Errorf("page %s; want %s", v.Pager.PageText, tt.page)
			}
			if !strings.Contains(v.FindResult, tt.result) || (tt.result == "") != (v.FindResult == "") {
				t.Errorf("find result %q; want %q", v.FindResult, tt.result)
			}
			if !strings.Contains(v.FindErr, tt.err) || (tt.err == "") != (v.FindErr == "") {
				t.Errorf("find error %q; want %q", v.FindErr, tt.err)
			}
			hit := ""
			for _, r := range v.Tables[0].Rows {
				if r.Hit {
					hit = r.Cells[0]
				}
			}
			if hit != tt.hitAt {
				t.Errorf("highlighted row %q; want %q", hit, tt.hitAt)
			}
		})
	}
}

func TestLineErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        Input
		lines     []int  // lines with an error
		msg       string // a part of the first message
		goodRows  string // rows still computed
		noteLines []int
	}{
		{"summarize", Input{Mode: scenario.PlanSummarize, List: "10.0.0.0/24 # ok\nbogus\n\n10.0.1.0/24\nvpn = 10.8.0.0/33\n= 10.0.0.0/8"}, []int{2, 5, 6}, "bogus", "1", nil},
		{"overlap", Input{Mode: scenario.PlanOverlap, List: "a = 10.0.0.0/8\nb = \nc = 10.1.0.0/16"}, []int{2}, "no value", "1", nil},
		{"range", Input{Mode: scenario.PlanRange, List: "10.0.0.20-10.0.0.5\n10.0.0.1-10.0.0.2\n10.0.0.1-::1"}, []int{1, 3}, "swap", "2", nil},
		{"vlsm", Input{Mode: scenario.PlanVLSM, Net: "192.168.0.0/24", List: "a = 50\nb = lots\nc = 0\n= 5\nd = 10"}, []int{2, 3, 4}, "not a number of hosts", "2", nil},
		{"vlsm does not fit", Input{Mode: scenario.PlanVLSM, Net: "192.168.0.0/24", List: "a = 100\nbig = 300\nc = 50"}, []int{2}, "does not fit", "2", nil},
		{"exclude outside", Input{Mode: scenario.PlanExclude, Net: "10.0.0.0/16", List: "10.0.1.0/24\n192.168.0.0/24\nxx"}, []int{3}, "xx", "8", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Build(tt.in)
			var lines []int
			for _, e := range v.LineErrors {
				lines = append(lines, e.Line)
			}
			if strconv.Quote(ints(lines)) != strconv.Quote(ints(tt.lines)) {
				t.Errorf("error lines %v; want %v (%v)", lines, tt.lines, v.LineErrors)
			}
			if len(v.LineErrors) > 0 && !strings.Contains(v.LineErrors[0].Msg+v.LineErrors[0].Text, tt.msg) {
				t.Errorf("first message %q (line %q); want %q in it", v.LineErrors[0].Msg, v.LineErrors[0].Text, tt.msg)
			}
			if len(v.Tables) == 0 || v.Tables[0].TotalText != tt.goodRows {
				t.Fatalf("the good lines gave %v; want %s rows", v.Tables, tt.goodRows)
			}
			var notes []int
			for _, e := range v.LineNotes {
				notes = append(notes, e.Line)
			}
			if ints(notes) != ints(tt.noteLines) {
				t.Errorf("note lines %v; want %v", notes, tt.noteLines)
			}
		})
	}
}

func ints(xs []int) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(strconv.Itoa(x) + ",")
	}
	return b.String()
}

func TestLongPaste(t *testing.T) {
	var b strings.Builder
	for i := range 10000 {
		b.WriteString(netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 0}).String() + "/25\n")
	}
	for _, m := range []scenario.PlanMode{scenario.PlanSummarize, scenario.PlanRange, scenario.PlanExclude, scenario.PlanOverlap} {
		v := Build(Input{Mode: m, Net: "10.0.0.0/8", List: b.String(), Page: subnet.CountOf(100)})
		if v.ListLines != 10000 {
			t.Errorf("%v: %d lines read; want 10000", m, v.ListLines)
		}
		for _, tb := range v.Tables {
			if len(tb.Rows) > PageSize {
				t.Errorf("%v: table %s holds %d rows", m, tb.ID, len(tb.Rows))
			}
		}
		for _, bar := range v.Bars {
			if len(bar.Blocks) > maxBlocks {
				t.Errorf("%v: bar %s holds %d blocks", m, bar.ID, len(bar.Blocks))
			}
		}
	}
	v := Build(Input{Mode: scenario.PlanRange, List: b.String(), Page: subnet.CountOf(100)})
	if v.Tables[0].TotalText != "10000" || v.Pager.PageText != "101" || v.Tables[0].Rows[0].Index != "6401" {
		t.Errorf("range: %s rows, page %s, first row %s; want 10000, 101, 6401", v.Tables[0].TotalText, v.Pager.PageText, v.Tables[0].Rows[0].Index)
	}
}

func TestOverlapBars(t *testing.T) {
	v := Build(Input{Mode: scenario.PlanOverlap, List: realisticNetworks})
	var ids []string
	for _, b := range v.Bars {
		ids = append(ids, b.ID)
	}
	if got := strings.Join(ids, " "); got != "planui-bar-IPv4 planui-bar-IPv4-1 planui-bar-IPv6 planui-bar-IPv6-1" {
		t.Fatalf("bars %s; want each family and a close-up of its nested networks", got)
	}
	if v.Bars[1].From != "10.0.0.0" || v.Bars[1].To != "10.255.255.255" || len(v.Bars[1].Blocks) != 5 {
		t.Errorf("close-up from %s to %s with %d blocks; want 10.0.0.0/8 and the 4 networks in it", v.Bars[1].From, v.Bars[1].To, len(v.Bars[1].Blocks))
	}
	overlapping := 0
	for _, bl := range v.Bars[0].Blocks {
		if bl.Kind == "overlap" {
			overlapping++
		}
	}
	if overlapping == 0 {
		t.Error("no overlapping network highlighted")
	}
	if v.Bars[0].Lanes < 2 {
		t.Errorf("nested networks share a lane: %d lanes", v.Bars[0].Lanes)
	}
}

func TestCountHelpers(t *testing.T) {
	tests := []struct {
		rows  subnet.Count
		pages string
	}{
		{subnet.Count{}, "1"}, {one, "1"}, {subnet.CountOf(64), "1"}, {subnet.CountOf(65), "2"},
		{subnet.CountOf(65536), "1024"}, {subnet.Pow2(128), "5316911983139663491615228241121378304"},
		{subnet.Pow2(128).Sub(one), "5316911983139663491615228241121378304"},
	}
	for _, tt := range tests {
		if got := pagesFor(tt.rows).String(); got != tt.pages {
			t.Errorf("pagesFor(%v) = %s; want %s", tt.rows, got, tt.pages)
		}
	}
	if got := pageStart(subnet.Pow2(100)); got != subnet.Pow2(106) {
		t.Errorf("pageStart(2^100) = %v; want 2^106", got)
	}
}

// TestLinkDefaults checks what a link that leaves parts out opens with.
func TestLinkDefaults(t *testing.T) {
	tests := []struct {
		query string
		want  Inputs
	}{
		{"", Inputs{Net: "10.0.0.0/16", Len: "24"}},
		{"net=10.0.0.0/8", Inputs{Net: "10.0.0.0/8", Len: "24"}},
		{"net=10.0.0.0/8&parts=3", Inputs{Net: "10.0.0.0/8", Parts: "3"}},
		{"mode=zzz&len=abc", Inputs{Net: "10.0.0.0/16", Len: "24"}},
		{"mode=summarize&list=10.0.0.0/24", Inputs{List: "10.0.0.0/24"}},
		{"mode=vlsm&net=10.0.0.0/24&list=", Inputs{Net: "10.0.0.0/24"}},
		{"mode=free", Inputs{Net: "10.0.0.0/16", Len: "24", List: DefaultState(scenario.PlanNextFree).List}},
		{"mode=free&net=10.0.0.0/8&len=16&list=10.0.0.0/16", Inputs{Net: "10.0.0.0/8", Len: "16", List: "10.0.0.0/16"}},
		{"mode=ula&gid=123456789a", Inputs{GID: "123456789a"}},
		{"mode=ula", Inputs{}},
		{"mode=tree", Inputs{Net: "10.0.0.0/24", Tree: DefaultState(scenario.PlanTree).Tree, Names: DefaultState(scenario.PlanTree).Names}},
		{"mode=tree&net=10.0.0.0/24", Inputs{Net: "10.0.0.0/24"}},
		{"mode=tree&net=10.0.0.0/24&tree=25x2&names=a,b&cloud=gcp", Inputs{Net: "10.0.0.0/24", Tree: "25x2", Names: "a,b", Cloud: subnet.CloudGCP}},
		{"mode=tree&tree=25x2", Inputs{Net: "10.0.0.0/24", Tree: "25x2"}},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		st, _ := scenario.ParsePlanState(q)
		if got := InputsFromLink(st, q.Has("net"), q.Has("list")); got != tt.want {
			t.Errorf("link %q opens with %+v; want %+v", tt.query, got, tt.want)
		}
	}
}

func TestPresetsCompute(t *testing.T) {
	for m := scenario.PlanSplit; m <= scenario.PlanLastMode; m++ {
		for _, p := range PresetsFor(m) {
			in := InputsOf(p.State)
			v := Build(Input{Mode: m, Net: in.Net, List: in.List, Len: in.Len, Parts: in.Parts, Tree: in.Tree, Names: in.Names, Cloud: in.Cloud})
			errs := v.NetErr + v.LenErr + v.PartsErr + v.TreeErr + v.NamesErr + v.CloudErr
			if errs != "" || len(v.LineErrors) > 0 || len(v.Tables) == 0 {
				t.Errorf("%v preset %q: errors %q %v, %d tables", m, p.Label, errs, v.LineErrors, len(v.Tables))
			}
		}
		if len(WhyText[m]) < 2 || ModeInfo[m].Tab == "" {
			t.Errorf("%v has no explanation or tab", m)
		}
	}
}

// TestToolboxStateRoundTrip: what the next free and unique local tabs hold
// goes into the link and comes back from it.
func TestToolboxStateRoundTrip(t *testing.T) {
	for _, p := range []struct {
		mode scenario.PlanMode
		in   Inputs
	}{
		{mode: scenario.PlanNextFree, in: Inputs{Net: "10.0.0.0/16", Len: "/26", List: "10.0.0.0/24"}},
		{mode: scenario.PlanULA, in: Inputs{GID: "8f2c4e91d0"}},
		{mode: scenario.PlanULA, in: Inputs{GID: "not an id"}},
		{mode: scenario.PlanTree, in: Inputs{Net: "10.0.0.0/24", Tree: "25,26x2", Names: `a\,b,,c`, Cloud: subnet.CloudAzure}},
		{mode: scenario.PlanTree, in: Inputs{Net: "2001:db8::/48"}},
	} {
		st := p.in.State(p.mode, subnet.Count{})
		q, _ := url.ParseQuery(st.Encode())
		back, problems := scenario.ParsePlanState(q)
		in := InputsFromLink(back, q.Has("net"), q.Has("list"))
		want := p.in
		want.Len = strings.TrimPrefix(want.Len, "/")
		if len(problems) != 0 || back.Mode != p.mode || in != want {
			t.Errorf("%v %+v: link %q opens %v %+v (%v); want the same Inputs", p.mode, p.in, st.Encode(), back.Mode, in, problems)
		}
	}
}

func TestBuildTree(t *testing.T) {
	tests := []struct {
		name     string
		in       Input
		total    string
		rows     []string // "prefix usable" of the first rows
		summary  string
		fieldErr string // a part of NetErr+TreeErr+NamesErr+CloudErr
	}{
		{"undivided", Input{Net: "10.0.0.0/24"}, "1", []string{"10.0.0.0/24 254"}, "10.0.0.0/24 is one subnet of 256 addresses, 254 usable", ""},
		{"divided", Input{Net: "10.0.0.0/24", Tree: "25,26x2", Names: "office"}, "3", []string{"10.0.0.0/25 126", "10.0.0.128/26 62", "10.0.0.192/26 62"}, "divided into 3 subnets (/25 to /26): 250 of its 256 addresses are usable", ""},
		{"slash 31 and 32", Input{Net: "10.0.0.0/30", Tree: "31,32x2"}, "3", []string{"10.0.0.0/31 2", "10.0.0.2/32 1", "10.0.0.3/32 1"}, "4 of its 4 addresses", ""},
		{"ipv6 /64s", Input{Net: "2001:db8::/63", Tree: "64x2"}, "2", []string{"2001:db8::/64 18446744073709551616", "2001:db8:0:1::/64 18446744073709551616"}, "", ""},
		{"all of ipv6", Input{Net: "::/0", Tree: "1x2"}, "2", []string{"::/1 170141183460469231731687303715884105728"}, "340282366920938463463374607431768211456 addresses are usable", ""},
		{"aws", Input{Net: "10.0.0.0/24", Tree: "25,26,27,28,29x2", Cloud: subnet.CloudAWS}, "6", []string{"10.0.0.0/25 123", "10.0.0.128/26 59", "10.0.0.192/27 27", "10.0.0.224/28 11", "10.0.0.240/29 a /29 is too small for AWS, whose smallest IPv4 subnet is a /28"}, "2 subnets are sizes AWS does not allow", ""},
		{"aws on ipv6", Input{Net: "2001:db8::/64", Cloud: subnet.CloudAWS}, "1", []string{"2001:db8::/64 18446744073709551616"}, "", "AWS reservations are modelled for IPv4 subnets only"},
		{"bad tree", Input{Net: "10.0.0.0/24", Tree: "25"}, "1", []string{"10.0.0.0/24 254"}, "", `tree "25" of 10.0.0.0/24: the subnets end at 10.0.0.127`},
		{"bad names", Input{Net: "10.0.0.0/24", Tree: "25x2", Names: "a,b,c"}, "2", nil, "", "more names than the 2 subnets"},
		{"bad net", Input{Net: "10.0.0.0/33"}, "", nil, "", "prefix length 33"},
		{"huge", Input{Net: "10.0.0.0/16", Tree: "28x4096"}, "4096", []string{"10.0.0.0/28 14"}, "4096 subnets", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Mode = scenario.PlanTree
			v := Build(tt.in)
			errs := v.NetErr + v.TreeErr + v.NamesErr + v.CloudErr
			if (tt.fieldErr == "") != (errs == "") || !strings.Contains(errs, tt.fieldErr) {
				t.Errorf("errors = %q; want %q", errs, tt.fieldErr)
			}
			if tt.total == "" {
				if len(v.Tables) != 0 {
					t.Errorf("%d tables; want none", len(v.Tables))
				}
				return
			}
			if !strings.Contains(v.Summary, tt.summary) {
				t.Errorf("summary = %q; want %q in it", v.Summary, tt.summary)
			}
			tb := v.Tables[0]
			if tb.TotalText != tt.total || tb.RowField != "tree-leaf" || len(tb.Rows) > PageSize {
				t.Fatalf("table of %s rows (%q), %d on the page; want %s", tb.TotalText, tb.RowField, len(tb.Rows), tt.total)
			}
			for i, want := range tt.rows {
				if got := tb.Rows[i].Cells[0] + " " + tb.Rows[i].Cells[4]; got != want {
					t.Errorf("row %d = %q; want %q", i+1, got, want)
				}
				if tb.Rows[i].Prefix.String() != tb.Rows[i].Cells[0] {
					t.Errorf("row %d prefix %v; cell %s", i+1, tb.Rows[i].Prefix, tb.Rows[i].Cells[0])
				}
			}
			if len(v.Bars) != 1 {
				t.Fatalf("%d pictures; want 1", len(v.Bars))
			}
			leaves := 0
			for _, bl := range v.Bars[0].Blocks {
				if bl.X < 0 || bl.W <= 0 || bl.X+bl.W > BarWidth+0.001 || bl.Lane >= v.Bars[0].Lanes || bl.Title == "" {
					t.Errorf("block %+v is off the bar or unnamed", bl)
				}
				if bl.Leaf.IsValid() {
					leaves++
				}
			}
			if leaves != len(tb.Rows) {
				t.Errorf("%d clickable blocks for %d rows on the page", leaves, len(tb.Rows))
			}
		})
	}
}

// TestTreeFind: the tree finds the row of an address and pages to it.
func TestTreeFind(t *testing.T) {
	v := Build(Input{Mode: scenario.PlanTree, Net: "10.0.0.0/16", Tree: "28x4096", Find: "10.0.17.20", Jump: true})
	if v.FindErr != "" || !strings.HasPrefix(v.FindResult, "10.0.17.20 is in row 274, 10.0.17.16/28, on page 5") {
		t.Fatalf("find = %q, %q", v.FindResult, v.FindErr)
	}
	if v.Pager.PageText != "5" || v.Bars[0].Lanes != 2 {
		t.Errorf("page %s, %d lanes; want page 5 and the paged picture", v.Pager.PageText, v.Bars[0].Lanes)
	}
}

func TestLanes(t *testing.T) {
	var ls lanes
	for i, tc := range []struct {
		x, w float64
		lane int
		ok   bool
	}{
		{0, 10, 0, true}, // the first block opens lane 0
		{5, 10, 1, true}, // overlaps lane 0's block: lane 1
		{10, 5, 0, true}, // starts where lane 0's block ends: lane 0
		{12, 1, 2, true}, // overlaps both: lane 2
		{20, 1, 0, true}, // clear of every lane: the first
	} {
		lane, ok := ls.place(tc.x, tc.w)
		if lane != tc.lane || ok != tc.ok {
			t.Errorf("block %d at %v+%v: lane %d, %v; want %d, %v", i, tc.x, tc.w, lane, ok, tc.lane, tc.ok)
		}
	}
	if ls.count() != 3 {
		t.Errorf("count = %d; want 3", ls.count())
	}
	var full lanes
	for range maxLanes {
		if _, ok := full.place(0, 1); !ok {
			t.Fatal("a lane did not open before maxLanes")
		}
	}
	if _, ok := full.place(0, 1); ok {
		t.Errorf("a block found a lane past maxLanes")
	}
	if (lanes{}).count() != 1 {
		t.Errorf("an empty picture draws %d lanes; want 1", (lanes{}).count())
	}
}
