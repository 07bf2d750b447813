package article

import (
	"reflect"
	"testing"
)

func TestParsePaper(t *testing.T) {
	tests := []struct {
		in   string
		want Paper
		err  string
	}{
		{"A4", Paper{"A4", 210, 297, mm(210), mm(297)}, ""},
		{"letter", Paper{"Letter", 215.9, 279.4, 612, 792}, ""},
		{"TABLOID", Paper{"Tabloid", 279.4, 431.8, 792, 1224}, ""},
		{" berliner ", Paper{"Berliner", 315, 470, mm(315), mm(470)}, ""},
		{"210x297mm", Paper{"210x297mm", 210, 297, mm(210), mm(297)}, ""},
		{"215.9X279.4MM", Paper{"215.9x279.4mm", 215.9, 279.4, mm(215.9), mm(279.4)}, ""},
		{"50x2000mm", Paper{"50x2000mm", 50, 2000, mm(50), mm(2000)}, ""},
		{"a3", Paper{"A3", 297, 420, mm(297), mm(420)}, ""},
		{"Legal", Paper{"Legal", 215.9, 355.6, 612, 1008}, ""},
		{"49x297mm", Paper{}, "width and height must be 50–2000 mm"},
		{"210x2001mm", Paper{}, "width and height must be 50–2000 mm"},
		{"A0", Paper{}, "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"},
		{"210x297", Paper{}, "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"},
		{"210 x 297mm", Paper{}, "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"},
		{"-210x297mm", Paper{}, "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"},
		{"210.x297mm", Paper{}, "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"},
		{"1e3x297mm", Paper{}, "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"},
	}
	for _, tt := range tests {
		got, err := ParsePaper(tt.in)
		if tt.err == "" && (err != nil || got != tt.want) {
			t.Errorf("ParsePaper(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		if tt.err != "" && (err == nil || err.Error() != tt.err) {
			t.Errorf("ParsePaper(%q) error = %v, want %q", tt.in, err, tt.err)
		}
	}
}

func TestOptionsNormalize(t *testing.T) {
	bleed, badBleed := 3.0, 30.0
	o := Options{Preset: " Archive ", Paper: "letter", Columns: 4, Bleed: &bleed, Pages: 3}
	if probs := o.Normalize("options"); len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if o.Preset != "archive" || o.Paper != "Letter" {
		t.Errorf("normalised to %+v", o)
	}
	bad := Options{Preset: "print", Paper: "A0", Columns: -1, Bleed: &badBleed, Pages: 1001}
	want := []Problem{
		{"preset", "must be web, archive or proof"},
		{"paper", "must be A4, A3, Letter, Legal, Tabloid, Berliner or WIDTHxHEIGHTmm"},
		{"columns", "must be 1–4"},
		{"bleed", "must be between 0 and 25 mm"},
		{"pages", "must be between 0 and 1000"},
	}
	if got := bad.Normalize(""); !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if (&Options{}).Normalize("options") != nil {
		t.Error("zero options must have no problems")
	}
}

func TestCheckSrc(t *testing.T) {
	ok := []string{"https://cdn.example.org/p.jpg", "HTTP://example.org/p.jpg", "data:image/jpeg;base64,AAAA",
		"seed-photo.jpg", "../photos/p.jpg", "/srv/photos/p.jpg", `C:\photos\p.jpg`, "photos/a b.jpg", "p%zz.jpg"}
	for _, s := range ok {
		if msg := checkSrc(s); msg != "" {
			t.Errorf("checkSrc(%q) = %q, want accepted", s, msg)
		}
	}
	bad := []string{"", "file:///etc/passwd", "javascript:alert(1)", "ftp://x.org/p.jpg", "//x.org/p.jpg", "https://", "data:nocomma"}
	for _, s := range bad {
		if checkSrc(s) == "" {
			t.Errorf("checkSrc(%q) accepted", s)
		}
	}
}
