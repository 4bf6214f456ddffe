package scenario_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/netground/netground/core/scenario"
	"github.com/netground/netground/core/subnet"
)

func ExampleParseSubnetState() {
	q, _ := url.ParseQuery("net=10.0.0.0/20&host=10.0.3.7&cloud=oracle&colour=red")
	s, problems := scenario.ParseSubnetState(q)
	fmt.Printf("%+v\n", s)
	for _, p := range problems {
		fmt.Println(p)
	}
	// Output:
	// {Net:10.0.0.0/20 Host:10.0.3.7 Other: Gateway: Cloud:none Nth: Pick:}
	// cloud=oracle: not one of none, aws, azure, gcp; using none
	// colour=red: not a parameter of this page; ignored
}

func ExampleSubnetState_Encode() {
	s := scenario.SubnetState{Net: "10.0.0.0/20", Host: "10.0.3.7", Cloud: subnet.CloudAWS}
	fmt.Println("/subnet?" + s.Encode())
	// Output:
	// /subnet?net=10.0.0.0/20&host=10.0.3.7&cloud=aws
}

func ExampleLink() {
	small := scenario.PlanState{Net: "10.0.0.0/16", Len: 24, Page: 2}
	link, _ := scenario.Link("/plan", small)
	fmt.Println(link)

	big := scenario.PlanState{Mode: scenario.PlanOverlap, List: planList(1000)}
	link, _ = scenario.Link("/plan", big)
	fmt.Printf("query of %d bytes, so %.10s… (under a third of it: %v)\n", len(big.Encode()), link, len(link) < len(big.Encode())/3)
	// Output:
	// /plan?net=10.0.0.0/16&len=24&page=3
	// query of 26465 bytes, so /plan#s=1.… (under a third of it: true)
}

func ExampleReadLink() {
	// Opening /subnet#s=…: the scenario in the fragment wins over the query.
	f, _ := scenario.Fragment(scenario.NewDocument(scenario.SubnetState{Net: "192.168.1.0/24"}, ""))
	q, problems := scenario.ReadLink(scenario.WidgetSubnet, "readonly=1", f)
	s, more := scenario.ParseSubnetState(q)
	fmt.Println(s.Net, q.Get("readonly"), len(problems)+len(more))
	// Output:
	// 192.168.1.0/24 1 0
}

func ExampleDecodeFragment() {
	f, _ := scenario.Fragment(scenario.Document{
		Widget: scenario.WidgetNAT,
		Name:   "hairpinning",
		State:  json.RawMessage(`{"router":{"hairpin":true}}`),
	})
	d, err := scenario.DecodeFragment(f)
	fmt.Println(d.Widget, d.Name, string(d.State), err)

	// The same link, cut short in a chat message.
	_, err = scenario.DecodeFragment(f[:len(f)-8])
	var de *scenario.DecodeError
	if errors.As(err, &de) && errors.Is(err, scenario.ErrTruncated) {
		fmt.Printf("%s; read: %s %q\n", de.Kind, de.Partial.Widget, de.Partial.Name)
	}
	// Output:
	// nat hairpinning {"router":{"hairpin":true}} <nil>
	// the scenario is cut short; read: nat "hairpinning"
}

func ExampleMigrations() {
	// Version 2 of the practice lab renames "n" to "count".
	chain := scenario.Migrations{
		func(d scenario.Document) (scenario.Document, error) {
			if d.Widget == scenario.WidgetPractice {
				var state map[string]any
				if err := json.Unmarshal(d.State, &state); err != nil {
					return d, err
				}
				state["count"] = state["n"]
				delete(state, "n")
				d.State, _ = json.Marshal(state)
			}
			return d, nil
		},
	}
	old := []byte(`{"format":"netground/scenario","version":1,"widget":"practice","state":{"n":10}}`)
	d, err := scenario.Options{Migrations: chain}.Unmarshal(old)
	fmt.Println(d.Version, string(d.State), err)
	// Output:
	// 2 {"count":10} <nil>
}
