package nat

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/netground/netground/core/field"
)

// StepInput is a step as a person types it into a form, every value as
// text. Which values count depends on Kind:
//
//   - StepSend: From, Proto, SrcPort (an ICMP echo's identifier) and To;
//   - StepReply: From;
//   - StepAdvance: By, a duration such as "30s" or "2h4m";
//   - StepForward: NAT, Proto, Port (the public port) and To.
type StepInput struct {
	Kind                                    StepKind
	From, NAT, Proto, SrcPort, Port, To, By string
}

// Step returns the step in reads. A value it cannot read is a *field.Error
// at the path Validate's errors use for it ("step.srcPort",
// "step.forward.to"), quoting what was typed; err joins one for each.
// Whether the step fits the scenario (a device that exists, a port that is
// free) is for the run to say.
func (in StepInput) Step() (Step, error) {
	var errs []error
	port := func(path, s string) uint16 {
		s = strings.TrimSpace(s)
		n, err := strconv.ParseUint(s, 10, 16)
		if err != nil || n == 0 {
			errs = append(errs, &field.Error{Field: path, Reason: quote(s) + " is not a port; pick 1 to 65535"})
		}
		return uint16(n)
	}
	proto := func(path, s string) Protocol {
		p, err := ParseProtocol(s)
		if err != nil {
			errs = append(errs, &field.Error{Field: path, Reason: err.Error()})
		}
		return p
	}
	endpoint := func(path, s string, icmp bool) netip.AddrPort {
		ap, err := ParseEndpoint(s, icmp)
		if err != nil {
			errs = append(errs, &field.Error{Field: path, Reason: err.Error()})
		}
		return ap
	}
	st := Step{Kind: in.Kind}
	switch in.Kind {
	case StepSend:
		st.From = in.From
		st.Proto = proto("step.proto", in.Proto)
		st.SrcPort = port("step.srcPort", in.SrcPort)
		st.To = endpoint("step.to", in.To, st.Proto == ICMP)
		if st.Proto == ICMP {
			st.To = netip.AddrPortFrom(st.To.Addr(), 0)
		}
	case StepReply:
		st.From = in.From
	case StepAdvance:
		s := strings.TrimSpace(in.By)
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 || d > MaxAdvance {
			errs = append(errs, &field.Error{Field: "step.by", Reason: quote(s) + " is not a duration between 1s and 24h, such as \"30s\", \"5m\" or \"2h4m\""})
		}
		st.By = d
	case StepForward:
		st.NAT = in.NAT
		st.Forward.Proto = proto("step.forward.proto", in.Proto)
		st.Forward.Port = port("step.forward.port", in.Port)
		st.Forward.To = endpoint("step.forward.to", in.To, false)
	}
	return st, errors.Join(errs...)
}
