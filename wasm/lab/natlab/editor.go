package natlab

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/netground/netground/core/nat"
)

// deviceField is the editor input name of a device field, which is also
// its path in the scenario's JSON form, as nat.FieldError names it.
func deviceField(i int, field string) string { return "devices[" + strconv.Itoa(i) + "]." + field }

func natField(i int, field string) string { return "nats[" + strconv.Itoa(i) + "].behavior." + field }

// edited returns the scenario an edit gave and, if the edit could not be
// made, why, as the editor shows it beside the input.
func edited(sc nat.Scenario, err error) (nat.Scenario, string) {
	if err != nil {
		return sc, fieldError(err).Reason
	}
	return sc, ""
}

// applyEdit swaps in an edited scenario, or shows why it cannot be used at
// the input named by the scenario's FieldError (or at the edited input).
func (p *page) applyEdit(ctx app.Context, input, value string, sc nat.Scenario, parseErr string) {
	p.stopPlaying()
	p.run(ctx, input+"="+value, false, func() {
		if parseErr != "" {
			p.errs = map[string]string{input: parseErr}
			p.drafts[input] = value
			return
		}
		if err := p.lab.replace(sc); err != nil {
			fe := fieldError(err)
			target := input
			if editorInput(fe.Field) {
				target = fe.Field
			}
			p.errs = map[string]string{target: fe.Reason}
			p.drafts[input] = value
			return
		}
		p.errs, p.drafts = map[string]string{}, map[string]string{}
		p.changed()
	})
}

// editorInput reports whether the editor has an input named field.
func editorInput(field string) bool {
	return (strings.HasPrefix(field, "devices[") && (strings.HasSuffix(field, ".name") || strings.HasSuffix(field, ".addr") || strings.HasSuffix(field, ".behind"))) ||
		(strings.HasPrefix(field, "nats[") && strings.Contains(field, ".behavior."))
}

func (p *page) onDeviceInput(i int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		value := ctx.JSSrc().Get("value").String()
		sc, msg := edited(p.lab.sc.EditDevice(i, field, value))
		p.applyEdit(ctx, deviceField(i, field), value, sc, msg)
	}
}

func (p *page) onRemoveDevice(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.applyEdit(ctx, deviceField(i, "name"), "", p.lab.sc.RemoveDevice(i), "")
	}
}

func (p *page) onAddDevice(behind string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		sc, msg := edited(p.lab.sc.AddDevice(behind))
		if msg != "" {
			p.errs = map[string]string{"add-device": msg}
			return
		}
		p.applyEdit(ctx, "add-device", behind, sc, "")
		p.devicePage = (len(p.lab.sc.Devices) - 1) / devicePageSize
	}
}

func (p *page) onBehaviorInput(i int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		var value string
		if field == "hairpin" {
			value = strconv.FormatBool(ctx.JSSrc().Get("checked").Bool())
		} else {
			value = ctx.JSSrc().Get("value").String()
		}
		sc, msg := edited(p.lab.sc.EditBehavior(i, field, value))
		p.applyEdit(ctx, natField(i, field), value, sc, msg)
	}
}

func (p *page) onRemoveForward(i, j int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.applyEdit(ctx, "nats["+strconv.Itoa(i)+"].forwards", strconv.Itoa(j), p.lab.sc.RemoveForward(i, j), "")
	}
}
