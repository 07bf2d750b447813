package engine

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
	"printd/layout"
	"printd/photo"
	"printd/profile"
)

func seedArticle(t *testing.T) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "seed-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func testPrinter(t *testing.T, profiles map[string]string) *Printer {
	t.Helper()
	var profs *profile.Profiles
	if profiles != nil {
		dir := t.TempDir()
		for name, body := range profiles {
			if err := os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		if profs, err = profile.Load(dir, nil); err != nil {
			t.Fatal(err)
		}
	}
	cfg := photo.DefaultConfig()
	cfg.Fetch.AllowFiles = true
	cfg.Fetch.BaseDir = filepath.Join("..", "testdata")
	p, err := New(Config{Profiles: profs, Photos: photo.NewStore(cfg)})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The merge order is printd's defaults < the article's options < the
// publication profile's sheet < the transport's (query or flags).
func TestPlanMergeOrder(t *testing.T) {
	p := testPrinter(t, map[string]string{"daily": "name: daily\npresets: {proof: {paper: Berliner, columns: 4}}\n"})
	a := seedArticle(t)
	a.Options = article.Options{Preset: "proof", Paper: "Letter", Columns: 2}
	cases := []struct {
		pub        string
		over       article.Options
		paper      string
		columns    int
		paperFrom  article.Source
		columnFrom article.Source
	}{
		{"", article.Options{}, "Letter", 2, article.FromArticle, article.FromArticle},
		{"daily", article.Options{}, "Berliner", 4, article.FromProfile, article.FromProfile},
		{"daily", article.Options{Paper: "a3"}, "A3", 4, article.FromQuery, article.FromProfile},
		{"daily", article.Options{Columns: 3}, "Berliner", 3, article.FromProfile, article.FromQuery},
	}
	for _, c := range cases {
		a.Publication = c.pub
		pl, err := p.Plan(a, article.Over{From: article.FromQuery, Options: c.over})
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if pl.Spec.Paper.Name != c.paper || pl.Spec.Columns != c.columns ||
			pl.Options.From("paper").Source != c.paperFrom || pl.Options.From("columns").Source != c.columnFrom {
			t.Errorf("%s %+v: %s %d columns from %v/%v", c.pub, c.over, pl.Spec.Paper.Name, pl.Spec.Columns,
				pl.Options.From("paper"), pl.Options.From("columns"))
		}
	}
	// Without options, each preset has printd's own sheet.
	a.Options, a.Publication = article.Options{Preset: "proof"}, ""
	if pl, _ := p.Plan(a, article.Over{}); pl.Spec.Paper.Name != "Tabloid" || pl.Spec.Columns != 3 {
		t.Errorf("proof default %s %d", pl.Spec.Paper.Name, pl.Spec.Columns)
	}
}

// Option errors name their field and their origin: the query's value is
// blamed as query.x, the article's as options.x, and a combination a
// request brought is blamed on the request, never on the profile.
func TestPlanErrorsCarryTheirOrigin(t *testing.T) {
	p := testPrinter(t, map[string]string{"small": "name: small\npresets: {web: {paper: 100x150mm}}\n"})
	a := seedArticle(t)
	check := func(name string, art *article.Article, over article.Over, path string) {
		t.Helper()
		_, err := p.Plan(art, over)
		var oe article.OptionErrors
		if !errors.As(err, &oe) || len(oe) != 1 || oe[0].Path() != path {
			t.Errorf("%s: %v, want one error at %s", name, err, path)
		}
	}
	b := *a
	b.Options = article.Options{Columns: 4}
	b.Publication = "small"
	check("article columns on the profile's paper", &b, article.Over{}, "options.columns")
	b.Options = article.Options{}
	check("query columns on the profile's paper", &b, article.Over{From: article.FromQuery, Options: article.Options{Columns: 4}}, "query.columns")
	bleed := 5.0
	check("bleed from flags on web", a, article.Over{From: article.FromFlag, Options: article.Options{Bleed: &bleed}}, "--bleed")
	check("bad paper from flags", a, article.Over{From: article.FromFlag, Options: article.Options{Paper: "A0"}}, "--paper")
	c := *a
	c.Publication = "nope"
	check("unknown publication", &c, article.Over{}, "publication")
}

// A profile whose sheet layout cannot honour is refused when the printer
// is made, with the profile, preset and field named; not on a request.
func TestNewRefusesAProfileLayoutCannotHonour(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "tiny.yaml"), []byte("name: tiny\npresets: {proof: {paper: 60x80mm, columns: 4}}\n"), 0o644)
	profs, err := profile.Load(dir, nil)
	if err != nil {
		t.Fatal(err) // each value is valid on its own
	}
	_, err = New(Config{Profiles: profs})
	var oe article.OptionErrors
	if !errors.As(err, &oe) || oe[0].From.Source != article.FromProfile || !strings.Contains(err.Error(), `profile "tiny": presets.proof.`) {
		t.Fatalf("New: %v", err)
	}
}

func pngURI(t *testing.T, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// A strict render's photo error carries the JSON path of the field that
// names the photo, taken from the article's structure, not from a
// message: right when both images are PNG data: URIs (whose short forms
// are the same) and when the lead photo's URL is a prefix of the body's.
func TestPhotoErrorPath(t *testing.T) {
	p := testPrinter(t, nil)
	strict := true
	for name, srcs := range map[string][2]string{
		"both PNG data: URIs": {pngURI(t, 600, 400), "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="},
		"prefix URLs":         {"seed-photo.jpg", "seed-photo.jpg.missing"},
	} {
		a := seedArticle(t)
		a.Photo.Src = srcs[0]
		a.Body = append(a.Body[:2:2], article.Block{Type: article.ImageBlock, Image: &article.Image{Src: srcs[1], Caption: "c"}})
		a.Options.Strict = &strict
		_, err := p.Print(context.Background(), a, &bytes.Buffer{})
		var pe *PhotoError
		if !errors.As(err, &pe) || pe.Path != "body[2].src" || !errors.Is(err, ErrPhoto) {
			t.Errorf("%s: %v, want a PhotoError at body[2].src", name, err)
		}
	}
}

// Text that does not fit a fixed page count is a warning, and an error
// under strict and in the proof preset.
func TestOverset(t *testing.T) {
	p := testPrinter(t, nil)
	a := seedArticle(t)
	// twice the seed's text: more than copyfit can pull onto one page
	a.Body = append(a.Body, a.Body...)
	a.Options.Pages = 1
	res, err := p.Print(context.Background(), a, &bytes.Buffer{})
	if err != nil || !strings.Contains(strings.Join(res.Warnings, "\n"), "overset: the article does not fit 1 page") {
		t.Errorf("web: %v, warnings %q", err, res.Warnings)
	}
	strict := true
	for _, o := range []article.Options{{Pages: 1, Strict: &strict}, {Pages: 1, Preset: "proof", Paper: "148x210mm"}} {
		a.Options = o
		var buf bytes.Buffer
		_, err := p.Print(context.Background(), a, &buf)
		var ov *OversetError
		if !errors.As(err, &ov) || buf.Len() != 0 {
			t.Errorf("%+v: %v (%d bytes written)", o, err, buf.Len())
		}
	}
	// The preflight of an overset proof still answers, with the error level.
	a.Options = article.Options{Pages: 1, Preset: "proof", Paper: "148x210mm"}
	rep, err := p.Preflight(context.Background(), a)
	if err != nil || !rep.Overset || rep.Status != "error" {
		t.Errorf("preflight %+v %v", rep, err)
	}
}

// A preset's smallest picture resolution and the placement of a small
// picture come from printd's defaults (96 ppi on the web, 150 on paper)
// unless the publication's sheet sets them.
func TestPlanMinPPI(t *testing.T) {
	p := testPrinter(t, map[string]string{"daily": "name: daily\npresets: {archive: {min_ppi: 200, image_align: start}}\n"})
	a := seedArticle(t)
	for _, c := range []struct {
		pub, preset string
		ppi         float64
		align       layout.Align
	}{
		{"", "web", 96, layout.AlignCenter}, {"", "archive", 150, layout.AlignCenter}, {"", "proof", 150, layout.AlignCenter},
		{"daily", "web", 96, layout.AlignCenter}, {"daily", "archive", 200, layout.AlignLeft},
	} {
		a.Publication = c.pub
		pl, err := p.Plan(a, article.Over{From: article.FromQuery, Options: article.Options{Preset: c.preset}})
		if err != nil {
			t.Fatal(err)
		}
		if pl.Spec.MinPPI != c.ppi || pl.Spec.FigureAlign != c.align {
			t.Errorf("%s/%s: min ppi %v align %v, want %v %v", c.pub, c.preset, pl.Spec.MinPPI, pl.Spec.FigureAlign, c.ppi, c.align)
		}
	}
}

// The QR code encodes the article's shortUrl, else the profile's short
// link with the article's id, else the article's url.
func TestPlanQRURL(t *testing.T) {
	p := testPrinter(t, map[string]string{"daily": "name: daily\nshort_url: \"https://d.example/a/{id}\"\n"})
	a := seedArticle(t)
	for _, c := range []struct{ pub, short, want string }{
		{"", "", a.URL},
		{"daily", "", "https://d.example/a/" + a.ID},
		{"daily", "https://d.example/s/1", "https://d.example/s/1"},
		{"", "https://d.example/s/1", "https://d.example/s/1"},
	} {
		a.Publication, a.ShortURL = c.pub, c.short
		for _, preset := range []string{"web", "archive", "proof"} {
			pl, err := p.Plan(a, article.Over{From: article.FromQuery, Options: article.Options{Preset: preset}})
			if err != nil {
				t.Fatal(err)
			}
			if !pl.QR || pl.QRURL != c.want {
				t.Errorf("%s %q %s: QR %v %q, want %q", c.pub, c.short, preset, pl.QR, pl.QRURL, c.want)
			}
		}
	}
}

// An article with a shortUrl and no url still gets its QR code, a link to
// the short address (a 33-module code is tens of dark runs; the link is
// the QR code's own annotation).
func TestQRWithoutURL(t *testing.T) {
	p := testPrinter(t, nil)
	for _, c := range []struct{ url, short, want string }{
		{"", "https://d.example/s/1", "https://d.example/s/1"},
		{"https://d.example/long/path", "", "https://d.example/long/path"},
		{"", "", ""},
	} {
		a := seedArticle(t)
		a.URL, a.ShortURL = c.url, c.short
		var out bytes.Buffer
		if _, err := p.Print(context.Background(), a, &out); err != nil {
			t.Fatal(err)
		}
		has := bytes.Contains(out.Bytes(), []byte("/URI ("+c.want+")"))
		if c.want != "" && !has {
			t.Errorf("url %q short %q: no link to %q in the PDF", c.url, c.short, c.want)
		}
		if c.want == "" && bytes.Contains(out.Bytes(), []byte("/URI (https://d.example")) {
			t.Errorf("no url and no shortUrl: a QR link in the PDF")
		}
	}
}
