package engine

import (
	"errors"
	"testing"

	"printd/article"
)

// fit=auto is the default for web and archive, off for proof unless asked;
// anything else is an options error.
func TestPlanFit(t *testing.T) {
	p, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		preset, fit string
		want        bool
	}{
		{"", "", true}, {"web", "", true}, {"archive", "", true}, {"proof", "", false},
		{"proof", "auto", true}, {"web", "off", false}, {"archive", "OFF", false},
	} {
		art := &article.Article{Headline: "h", Options: article.Options{Preset: c.preset, Fit: c.fit}}
		pl, err := p.Plan(art, article.Over{})
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if pl.Spec.Copyfit != c.want {
			t.Errorf("preset %q fit %q: copyfit %v, want %v", c.preset, c.fit, pl.Spec.Copyfit, c.want)
		}
	}
	_, err = p.Plan(&article.Article{Headline: "h", Options: article.Options{Fit: "tight"}}, article.Over{})
	var oe article.OptionErrors
	if !errors.As(err, &oe) || len(oe) != 1 || oe[0].Path() != "options.fit" {
		t.Errorf("fit=tight: %v, want an options.fit error", err)
	}
	pl, err := p.Plan(&article.Article{Headline: "h", Options: article.Options{Fit: "off"}},
		article.Over{From: article.FromQuery, Options: article.Options{Fit: "auto"}})
	if err != nil || !pl.Spec.Copyfit {
		t.Errorf("query fit=auto over the article's off: copyfit %v, %v", pl.Spec.Copyfit, err)
	}
}
