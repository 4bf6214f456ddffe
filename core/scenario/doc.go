// Package scenario is Netground's scenario format and share-link codec: one versioned, validated,
// size-limited representation of every widget's state, shared by share links, embeds and the
// saved-scenario library.
//
// Simple widgets (addr, subnet, plan, ports) keep their state in readable query parameters,
// such as /subnet?net=10.0.0.0/20&host=10.0.3.7&cloud=aws. Each has a typed state
// ([AddrState], [SubnetState], [PlanState], [PortsState]) with a Query method and a Parse
// function that never fails: whatever it cannot use comes back as a [Problem] that says what was
// ignored and why, and that field keeps its default.
//
// The query parameters, in the order links write them (a default is left out):
//
//	/addr    ip                                   free text
//	/subnet  net host b gw                        free text (b: second host, gw: gateway)
//	         cloud                                none (default), aws, azure, gcp
//	/plan    mode                                 split (default), vlsm, summarize, range, exclude, overlap
//	         net                                  free text
//	         len                                  1 to 128; absent: not set
//	         parts                                1 to 2⁶⁴−1; absent: not set (len wins over parts)
//	         page                                 1 (default) to 2⁶⁴−1
//	         list                                 multi-line text, last
//	/ports   q                                    free text
//	all      v                                    1 (default; absent means 1)
//	         readonly                             a page parameter, skipped by the Parse functions
//
// A free-text value is at most [MaxValueBytes]; the list at most [MaxListBytes] and
// [MaxListLines] lines.
//
// Labs (nat, bind, k8s, practice) and large states travel as a [Document], a small JSON envelope
// around the widget's own state. A file holds it as indented JSON ([Marshal], [Unmarshal]); a
// link holds it in the URL fragment as #s=1.<base64url(deflate(JSON))> ([Fragment],
// [DecodeFragment]). Decoding is bounded in memory and time, whatever the input, and each way a
// link or file can be wrong has its own error ([ErrTruncated], [ErrDamaged], …) whose text is
// written for the person who opened it. A [DecodeError] also carries the part of the scenario
// that could still be read.
//
// Links are versioned so that an old link keeps opening: a query without v is version 1, a
// document records its version, and documents of an older version are brought up to date by
// [Migrations] when they are opened.
//
// Checking the meaning of a value (is 10.0.0.0/33 a subnet?) is the widget's job; this package
// checks shape, size and enumerations. The package holds no mutable state.
package scenario
