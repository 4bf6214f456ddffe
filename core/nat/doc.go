// Package nat simulates network address translation for IPv4 (NAT44) the way
// RFC 4787 (UDP), RFC 5382 (TCP) and RFC 5508 (ICMP) describe it: LAN hosts
// with private addresses behind a router, the internet behind that, an
// optional carrier-grade NAT in between (RFC 6598 shared address space,
// 100.64.0.0/10) and several home networks for peer-to-peer experiments.
//
// A Scenario holds the topology, the behaviours of every NAT, the
// port-forwarding rules and a list of steps. A Sim replays the steps on a
// simulated clock with a seeded random source, so the same scenario always
// produces the same Trace: every hop, every header rewrite and every
// decision, each with a reason in plain words. Table returns the
// translation table after any step.
//
// Mapping behaviour (RFC 4787 section 4.1) and filtering behaviour (RFC 4787
// section 5) are enums whose whole difference lives in one key method each:
// the mapping key says which outbound packets share one public IP:port, the
// filter key says which inbound packets a mapping lets in.
//
// A scenario travels in share links as JSON:
//
//	{
//	  "name": "home",
//	  "seed": 1,
//	  "nats": [{"name": "router", "lan": "192.168.1.0/24", "wan": ["203.0.113.7"],
//	            "behavior": {"mapping": "endpoint-independent", "filtering": "address-and-port-dependent"},
//	            "forwards": [{"proto": "tcp", "port": 443, "to": "192.168.1.20:443"}]}],
//	  "devices": [{"name": "laptop", "behind": "router", "addr": "192.168.1.10"},
//	              {"name": "server", "addr": "93.184.216.34"}],
//	  "steps": [{"kind": "send", "from": "laptop", "proto": "tcp", "srcPort": 50000, "to": "93.184.216.34:443"},
//	            {"kind": "reply", "from": "server"},
//	            {"kind": "advance", "by": "5m"}]
//	}
//
// DecodeScenario reads that form with limits (MaxDevices, MaxSteps, …) that
// keep a hostile link from freezing the page, and errors that name the
// field, such as `devices[3].addr: "10.0.0.300" is not an IPv4 address`.
package nat
