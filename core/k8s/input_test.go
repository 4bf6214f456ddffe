package k8s_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/netground/netground/core/field"
	"github.com/netground/netground/core/k8s"
)

func TestScaleInput(t *testing.T) {
	a, err := k8s.ScaleInput{Deployment: "web", Replicas: " 0 "}.Action()
	if err != nil || a.Do != k8s.Scale || a.Replicas != 0 || a.Deployment != "web" {
		t.Errorf("scale to 0 = %+v, %v", a, err)
	}
	for _, bad := range []string{"", "many", "1.5", "99999999999999999999", strings.Repeat("9", 500)} {
		_, err := k8s.ScaleInput{Deployment: "web", Replicas: bad}.Action()
		var fe *field.Error
		if !errors.As(err, &fe) || fe.Field != "replicas" || len(fe.Reason) > 200 {
			t.Errorf("replicas %.20q: %v; want a short error at replicas", bad, err)
		}
	}
	if a, _ := (k8s.ConnectInput{From: "deploy:client", To: " web:80 "}).Action(); a.To != "web:80" || a.Do != k8s.Connect {
		t.Errorf("connect = %+v", a)
	}
}

func FuzzScaleInput(f *testing.F) {
	f.Add("3")
	f.Add("-1")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := k8s.ScaleInput{Deployment: "web", Replicas: s}.Action()
		var fe *field.Error
		if err != nil && (!errors.As(err, &fe) || fe.Field != "replicas") {
			t.Errorf("%q: %v", s, err)
		}
		if err == nil && a.Do != k8s.Scale {
			t.Errorf("%q: %+v", s, a)
		}
	})
}
