//go:build browser

package e2e

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// saveCopies is a script that saves the open widget's scenario n times as new entries named
// "<prefix> <i>" (the first with Save, the rest with "Save as copy"), each after the last
// is confirmed, and returns the names whose save the page confirmed.
const saveCopies = `(async (prefix, n) => {
	const input = document.querySelector('input[name=save-name]');
	const status = () => document.querySelector('[data-field=save-status]').textContent;
	const confirmed = [];
	for (let i = 0; i < n; i++) {
		const name = prefix + ' ' + String(i).padStart(3, '0');
		input.value = name;
		input.dispatchEvent(new Event('input', {bubbles: true}));
		const button = document.querySelector(i === 0 ? 'button[name=save]' : 'button[name=save-as]');
		button.click();
		const want = (i === 0 ? 'Saved "' : 'Saved a copy as "') + name + '"';
		for (let waited = 0; ; waited += 10) {
			const s = status();
			if (s.startsWith(want)) { confirmed.push(name); break; }
			if (s.startsWith('Not saved') || waited > 20000) return {confirmed, failed: name + ': ' + s};
			await new Promise(r => setTimeout(r, 10));
		}
		while (document.querySelector('button[name=save-as]')?.disabled) await new Promise(r => setTimeout(r, 5));
	}
	return {confirmed, failed: ''};
})`

type saveRun struct {
	Confirmed []string `json:"confirmed"`
	Failed    string   `json:"failed"`
}

// raceRuns is how many times TestTwoTabsRace races its two tabs, each time
// in a new browser context: more runs try more interleavings.
var raceRuns = flag.Int("race-runs", 1, "how many times TestTwoTabsRace races its two tabs")

// TestTwoTabsRace: two tabs of one browser save 100 scenarios each at the same moment, then
// import a 200-entry file each at the same moment (-race-runs times over). Every save and
// every import the pages confirm is in the library afterwards, with no name given twice.
func TestTwoTabsRace(t *testing.T) {
	s := siteServer(t)
	const saves, imports = 100, 200
	for run := range *raceRuns {
		b := newBrowser(t)
		other := &browser{t: t}
		var cancel context.CancelFunc
		other.ctx, cancel = chromedp.NewContext(b.ctx)
		defer cancel()
		quietNetwork(t, other.ctx)
		other.watchConsole(other.ctx)
		tabs := []*browser{b, other}
		// Both tabs load the app at once: the loads are not what this test measures.
		errs := make([]error, len(tabs))
		var wg sync.WaitGroup
		for i, tab := range tabs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(tab.ctx, 2*time.Minute)
				defer cancel()
				errs[i] = chromedp.Do(ctx,
					chromedp.Navigate(s.URL+"addr?ip=10.1.2.3"),
					chromedp.WaitReady(chromedp.CSS(`[data-live="true"]`)))
			}()
		}
		wg.Wait()
		for i, tab := range tabs {
			if errs[i] != nil {
				t.Fatalf("run %d, tab %d: opening the address page: %v", run, i, errs[i])
			}
			tab.waitField("canonical", "10.1.2.3")
		}

		start := time.Now()
		results := make([]saveRun, len(tabs))
		for i, tab := range tabs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(tab.ctx, 3*time.Minute)
				defer cancel()
				results[i], errs[i] = chromedp.Run(ctx, chromedp.Evaluate[saveRun](
					fmt.Sprintf(`%s(%q, %d)`, saveCopies, fmt.Sprintf("run %d tab %d", run, i), saves), chromedp.EvalAwaitPromise))
			}()
		}
		wg.Wait()
		var confirmed []string
		for i := range tabs {
			if errs[i] != nil {
				t.Fatalf("run %d, tab %d: %v", run, i, errs[i])
			}
			if results[i].Failed != "" {
				t.Errorf("run %d, tab %d: a save failed: %s", run, i, results[i].Failed)
			}
			confirmed = append(confirmed, results[i].Confirmed...)
		}
		savesTook := time.Since(start)

		// Both tabs import a 200-entry file at once; the names differ, so that neither
		// page stops to ask about a clash.
		files := []string{
			writeExport(t, addrScenarios(imports, fmt.Sprintf("run %d tab 0 import", run))),
			writeExport(t, addrScenarios(imports, fmt.Sprintf("run %d tab 1 import", run))),
		}
		// To the library without reloading the app (its link in the save bar): the
		// library lists what is stored, and the reload at the end checks it again.
		for _, tab := range tabs {
			tab.do(chromedp.Click(chromedp.CSS(`.library-save a`)))
		}
		for _, tab := range tabs {
			tab.waitRows(len(confirmed))
		}
		start = time.Now()
		for i, tab := range tabs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(tab.ctx, 60*time.Second)
				defer cancel()
				_, errs[i] = chromedp.Run(ctx, chromedp.SetUploadFiles(chromedp.CSS(`input[name=import]`), []string{files[i]}))
			}()
		}
		wg.Wait()
		for i, tab := range tabs {
			if errs[i] != nil {
				t.Fatalf("run %d, tab %d: %v", run, i, errs[i])
			}
			tab.waitFieldPrefix("library-status", fmt.Sprintf("Imported %d scenarios from", imports))
		}
		importsTook := time.Since(start)

		want := len(confirmed) + 2*imports
		b.do(chromedp.Navigate(s.URL + "library"))
		b.waitRows(want)
		names := b.libraryNames()
		for _, n := range confirmed {
			if !slices.Contains(names, n) {
				t.Errorf("run %d: the confirmed save %q is not in the library", run, n)
			}
		}
		if distinct := len(slices.Compact(slices.Sorted(slices.Values(names)))); distinct != want {
			t.Errorf("run %d: %d different names among %d entries; want %d", run, distinct, len(names), want)
		}
		t.Logf("run %d: %d saves confirmed in %v, 2 × %d imported in %v, %d entries stored",
			run, len(confirmed), savesTook.Round(time.Millisecond), imports, importsTook.Round(time.Millisecond), len(names))
		cancel()
	}
}
