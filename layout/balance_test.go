package layout

import (
	"strings"
	"testing"
)

// The seed headline, balanced: no line ends inside ‘not interested’ (first
// fit does, and balancing alone would: the quoted phrase kept whole costs a
// little evenness), no more lines than first fit.
func TestHeadlineBalanced(t *testing.T) {
	a := loadFixture(t, "seed-article.json")
	for _, paper := range []string{"A4", "Letter", "Tabloid", "160x240mm"} {
		spec := DefaultSpec(mustPaper(t, paper), 2)
		st := fixtureSetter(t, "en", &spec)
		hs := spec.Headline
		w := spec.Content().W
		spans := plainSpans(a.Headline, hs)
		bal := st.set(spans, paraOpts{width: w, align: hs.Align, balance: true})
		ff := st.set(spans, paraOpts{width: w, align: hs.Align})
		if len(bal) != len(ff) {
			t.Errorf("%s: %d balanced lines, first fit %d", paper, len(bal), len(ff))
		}
		var texts []string
		for _, l := range bal {
			var b strings.Builder
			for _, f := range l.frags {
				b.WriteString(f.text)
			}
			texts = append(texts, b.String())
			if l.natural > w+eps {
				t.Errorf("%s: line %q wider than the measure", paper, b.String())
			}
		}
		for _, s := range texts {
			if strings.HasSuffix(strings.TrimSpace(s), "‘not") {
				t.Errorf("%s: break inside the quoted phrase: %q", paper, texts)
			}
		}
		spread := func(ls []setLine) float64 {
			lo, hi := w, 0.0
			for _, l := range ls {
				lo, hi = min(lo, l.natural), max(hi, l.natural)
			}
			return hi - lo
		}
		t.Logf("%s: %q (spread %.0f pt; first fit %.0f)", paper, texts, spread(bal), spread(ff))
	}
}
