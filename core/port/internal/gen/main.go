// Command gen turns the IANA service-names-port-numbers CSV into the compact
// registry that package port decodes. It is run by go generate in core/port:
//
//	go run ./internal/gen -in data/service-names-port-numbers.csv -out data/services.bin
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/netground/netground/core/port/internal/ianacsv"
)

func main() {
	in := flag.String("in", "data/service-names-port-numbers.csv", "IANA registry CSV")
	out := flag.String("out", "data/services.bin", "compact registry to write")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gen: ")

	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rows, snapshot, err := ianacsv.Read(f)
	if err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	blob, err := ianacsv.Encode(rows, snapshot)
	if err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	if err := os.WriteFile(*out, blob, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d rows, snapshot %s, %d bytes\n", *out, len(rows), snapshot, len(blob))
}
