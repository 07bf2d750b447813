package batch_test

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"printd/article"
	"printd/batch"
)

func TestRunKeepsInputOrder(t *testing.T) {
	var recs []string
	for i := range 300 {
		recs = append(recs, small(fmt.Sprintf("id-%d", i)))
		if i%50 == 0 {
			recs = append(recs, "", "  ") // blank lines: no rows
		}
	}
	fp := &fakePrinter{delay: func(id string) time.Duration {
		h := fnv.New32a()
		h.Write([]byte(id))
		return time.Duration(h.Sum32()%2000) * time.Microsecond
	}}
	sink := newMemSink()
	var seen []int
	sum, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), sink, batch.Options{
		Print: fp.print, Workers: 8,
		OnRow: func(r batch.Row) { seen = append(seen, r.Line) },
	})
	if err != nil {
		t.Fatal(err)
	}
	rows := sink.rows(t)
	if len(rows) != 300 || sum.Rows != 300 || sum.OK != 300 || sum.Pages != 300 {
		t.Fatalf("%d rows, summary %+v; want 300 ok", len(rows), sum)
	}
	var want []int
	for i, r := range recs {
		if strings.TrimSpace(r) != "" {
			want = append(want, i+1)
		}
	}
	for i, r := range rows {
		if r.Line != want[i] || seen[i] != want[i] {
			t.Fatalf("row %d is line %d (OnRow %d), want %d", i, r.Line, seen[i], want[i])
		}
		if r.SHA256 != sha(sink.files[r.File]) || r.Bytes != int64(len(sink.files[r.File])) {
			t.Errorf("line %d: manifest hash or size does not match %s", r.Line, r.File)
		}
	}
	if sink.appends >= len(rows) {
		t.Logf("every row appended alone (%d appends)", sink.appends)
	}
}

func TestRunBoundsWorkInFlight(t *testing.T) {
	release := make(chan struct{})
	fp := &fakePrinter{block: func(id string) <-chan struct{} {
		if id == "id-0" {
			return release
		}
		return nil
	}}
	var recs []string
	for i := range 200 {
		recs = append(recs, small(fmt.Sprintf("id-%d", i)))
	}
	sink := newMemSink()
	opts := batch.Options{Print: fp.print, Workers: 2, Buffer: 2, Window: 10}
	done := make(chan error, 1)
	go func() {
		_, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), sink, opts)
		done <- err
	}()
	// Wait until the run stalls behind the blocked first article.
	last, stable := -1, 0
	for stable < 5 {
		time.Sleep(20 * time.Millisecond)
		n := fp.startedCount()
		if n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
	if last > opts.Window {
		t.Errorf("%d articles started while the first was blocked; the window is %d", last, opts.Window)
	}
	if got := len(sink.rows(t)); got != 0 {
		t.Errorf("%d rows written before the first was final", got)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := len(sink.rows(t)); got != 200 {
		t.Errorf("%d rows, want 200", got)
	}
}

func TestRunShardsCoverInputOnce(t *testing.T) {
	var recs []string
	for i := range 150 {
		switch {
		case i%10 == 3:
			recs = append(recs, `{"headline":"No id `+fmt.Sprint(i%4)+`","body":[{"type":"paragraph","html":"x"}]}`)
		case i%10 == 7:
			recs = append(recs, small(fmt.Sprintf("id-%d", i-1))) // duplicate id
		case i%25 == 0:
			recs = append(recs, `{"id": "broken`)
		default:
			recs = append(recs, small(fmt.Sprintf("id-%d", i)))
		}
	}
	in := lines(recs...)
	whole := newMemSink()
	if _, err := batch.Run(context.Background(), strings.NewReader(in), whole, batch.Options{Print: (&fakePrinter{}).print}); err != nil {
		t.Fatal(err)
	}
	wholeRows := map[int]batch.Row{}
	for _, r := range whole.rows(t) {
		wholeRows[r.Line] = r
	}

	shared := newMemSink() // both shards write to one output
	got := map[int]int{}
	for i := range 2 {
		part := newMemSink()
		for _, s := range []*memSink{part, shared} {
			sh := batch.Shard{Index: i, Count: 2}
			if _, err := batch.Run(context.Background(), strings.NewReader(in), s, batch.Options{Print: (&fakePrinter{}).print, Shard: sh}); err != nil {
				t.Fatal(err)
			}
		}
		rows := part.rows(t)
		if len(rows) == 0 || len(rows) == len(recs) {
			t.Errorf("shard %d has %d of %d rows", i, len(rows), len(recs))
		}
		for _, r := range rows {
			got[r.Line]++
			w := wholeRows[r.Line]
			if r.File != w.File || r.Status != w.Status || r.SHA256 != w.SHA256 {
				t.Errorf("shard %d line %d: %s %s, unsharded %s %s", i, r.Line, r.Status, r.File, w.Status, w.File)
			}
		}
	}
	for line := range wholeRows {
		if got[line] != 1 {
			t.Errorf("line %d is in %d shards", line, got[line])
		}
	}
	for name, n := range shared.puts {
		if n != 1 {
			t.Errorf("%s written %d times by the shards together", name, n)
		}
	}
	if len(shared.files) != len(whole.files) {
		t.Errorf("shards wrote %d files, the whole run %d", len(shared.files), len(whole.files))
	}
}

func TestRunJSONArrayMatchesNDJSON(t *testing.T) {
	recs := []string{small("a"), `{"id":"b"}`, small("a"), `7`, small("c")}
	nd, arr := newMemSink(), newMemSink()
	if _, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), nd, batch.Options{Print: (&fakePrinter{}).print}); err != nil {
		t.Fatal(err)
	}
	array := " \n[\n" + strings.Join(recs, ",\n") + "\n]\n"
	if _, err := batch.Run(context.Background(), strings.NewReader(array), arr, batch.Options{Print: (&fakePrinter{}).print}); err != nil {
		t.Fatal(err)
	}
	a, b := nd.rows(t), arr.rows(t)
	if len(a) != 5 || len(b) != 5 {
		t.Fatalf("%d and %d rows, want 5", len(a), len(b))
	}
	wantStatus := []batch.Status{batch.StatusOK, batch.StatusFailed, batch.StatusOK, batch.StatusFailed, batch.StatusOK}
	for i := range a {
		if a[i].Line != i+1 || b[i].Line != i+1 || a[i].Status != wantStatus[i] || b[i].Status != wantStatus[i] ||
			a[i].File != b[i].File || a[i].SHA256 != b[i].SHA256 {
			t.Errorf("record %d: ndjson %+v, array %+v", i+1, a[i], b[i])
		}
	}
	if !strings.HasPrefix(b[1].Error, "element 2: headline") || !strings.HasPrefix(a[1].Error, "line 2: headline") {
		t.Errorf("errors %q / %q", a[1].Error, b[1].Error)
	}
	if a[2].File != "a-2.pdf" {
		t.Errorf("duplicate named %q", a[2].File)
	}
}

func TestRunBrokenArrayKeepsWhatWasRead(t *testing.T) {
	in := "[" + small("a") + "," + small("b") + `, {"id": nope}, ` + small("c") + "]"
	sink := newMemSink()
	sum, err := batch.Run(context.Background(), strings.NewReader(in), sink, batch.Options{Print: (&fakePrinter{}).print})
	if !errors.Is(err, batch.ErrInput) {
		t.Fatalf("error %v, want ErrInput", err)
	}
	rows := sink.rows(t)
	if sum.OK != 2 || sum.Failed != 1 || len(rows) != 3 {
		t.Fatalf("summary %+v, rows %+v", sum, rows)
	}
	if rows[2].Line != 3 || !strings.Contains(rows[2].Error, "element 3") || !strings.Contains(rows[2].Error, "invalid character") {
		t.Errorf("row %+v", rows[2])
	}
}

func TestRunFailuresStayAlone(t *testing.T) {
	fp := &fakePrinter{panic: "p"}
	recs := []string{
		small("a"),
		`{"id":"x", "headline": }`,
		`{"id":"v","headline":"","body":[{"type":"nope"}]}`,
		small("p"),
		`{"id": "long", "headline": "` + strings.Repeat("x", 300) + `"}`,
		small("z"),
	}
	sink := newMemSink()
	sum, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), sink, batch.Options{Print: fp.print, MaxRecordBytes: 200})
	if err != nil {
		t.Fatal(err)
	}
	rows := sink.rows(t)
	if sum.OK != 2 || sum.Failed != 4 {
		t.Fatalf("summary %+v", sum)
	}
	want := []struct {
		status batch.Status
		err    string
	}{
		{batch.StatusOK, ""},
		{batch.StatusFailed, "line 2, column 24: invalid character"},
		{batch.StatusFailed, "line 3: "},
		{batch.StatusFailed, "line 4: internal error: boom"},
		{batch.StatusFailed, "line 5: line longer than 200 bytes"},
		{batch.StatusOK, ""},
	}
	for i, w := range want {
		r := rows[i]
		if r.Status != w.status || !strings.HasPrefix(r.Error, w.err) || (w.err == "") != (r.Error == "") {
			t.Errorf("line %d: %s %q, want %s %q", i+1, r.Status, r.Error, w.status, w.err)
		}
		if r.Status == batch.StatusFailed && (r.File != "" || r.SHA256 != "") {
			t.Errorf("failed line %d names a file: %+v", i+1, r)
		}
	}
	if n := len(rows[2].Problems); n < 2 {
		t.Errorf("validation failure lists %d problems, want every one: %+v", n, rows[2])
	}
}

func TestRunOptions(t *testing.T) {
	recs := []string{
		small("plain"),
		`{"id":"own","headline":"H","body":[{"type":"paragraph","html":"x"}],"options":{"preset":"proof","paper":"Letter","columns":3}}`,
	}
	tests := []struct {
		name       string
		opts       batch.Options
		plain, own string // presets
		paper      string // of both, "" when kept
		columns    int
	}{
		{"defaults", batch.Options{}, "archive", "proof", "", 0},
		{"preset for articles without", batch.Options{Preset: "Web"}, "web", "proof", "", 0},
		{"paper and columns replace", batch.Options{Over: article.Options{Paper: "a4", Columns: 1}}, "archive", "proof", "A4", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fp := &fakePrinter{}
			tt.opts.Print = fp.print
			if _, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), newMemSink(), tt.opts); err != nil {
				t.Fatal(err)
			}
			if fp.presets["plain"] != tt.plain || fp.presets["own"] != tt.own {
				t.Errorf("presets %v", fp.presets)
			}
			if tt.paper != "" && (fp.papers["plain"] != tt.paper || fp.papers["own"] != tt.paper) {
				t.Errorf("papers %v", fp.papers)
			}
			if tt.columns != 0 && (fp.columns["plain"] != tt.columns || fp.columns["own"] != tt.columns) {
				t.Errorf("columns %v", fp.columns)
			}
			if tt.paper == "" && fp.papers["own"] != "Letter" {
				t.Errorf("the article's own paper was replaced: %v", fp.papers)
			}
		})
	}

	bad := []batch.Options{
		{},
		{Print: (&fakePrinter{}).print, Preset: "glossy"},
		{Print: (&fakePrinter{}).print, Over: article.Options{Paper: "A0"}},
		{Print: (&fakePrinter{}).print, Over: article.Options{Columns: 9}},
		{Print: (&fakePrinter{}).print, Over: article.Options{Fit: "squeeze"}},
		{Print: (&fakePrinter{}).print, Shard: batch.Shard{Index: 2, Count: 2}},
		{Print: (&fakePrinter{}).print, Workers: -1},
	}
	for i, o := range bad {
		if _, err := batch.Run(context.Background(), strings.NewReader(""), newMemSink(), o); !errors.Is(err, batch.ErrUsage) {
			t.Errorf("bad options %d: error %v, want ErrUsage", i, err)
		}
	}
	type plainSink struct{ batch.Sink }
	_, err := batch.Run(context.Background(), strings.NewReader(""), plainSink{newMemSink()}, batch.Options{Print: (&fakePrinter{}).print, Resume: true})
	if !errors.Is(err, batch.ErrUsage) {
		t.Errorf("resume on a sink that cannot: %v", err)
	}
}

func TestRunSinkFailureStops(t *testing.T) {
	sink := newMemSink()
	boom := errors.New("disk full")
	sink.failPut = func(name string) error {
		if name == "id-20.pdf" {
			return boom
		}
		return nil
	}
	var recs []string
	for i := range 500 {
		recs = append(recs, small(fmt.Sprintf("id-%d", i)))
	}
	fp := &fakePrinter{}
	_, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), sink, batch.Options{Print: fp.print, Workers: 2})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "line 21") {
		t.Fatalf("error %v, want the sink's for line 21", err)
	}
	if n := fp.startedCount(); n > 200 {
		t.Errorf("%d articles rendered after the sink failed", n)
	}
	for _, r := range sink.rows(t) {
		if r.Line >= 21 {
			t.Errorf("row for line %d after the failure", r.Line)
		}
	}
}

func TestRunCancelWritesNoFalseFailures(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	fp := &fakePrinter{delay: func(string) time.Duration { return time.Millisecond }}
	var recs []string
	for i := range 400 {
		recs = append(recs, small(fmt.Sprintf("id-%d", i)))
	}
	sink := newMemSink()
	_, err := batch.Run(ctx, strings.NewReader(lines(recs...)), sink, batch.Options{
		Print: fp.print, Workers: 4,
		OnRow: func(r batch.Row) {
			if r.Line == 50 {
				once.Do(cancel)
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	rows := sink.rows(t)
	if len(rows) < 50 || len(rows) == 400 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		if r.Line != i+1 || r.Status != batch.StatusOK {
			t.Errorf("row %d: %+v", i, r)
		}
	}
}

func TestRunResume(t *testing.T) {
	var recs []string
	for i := range 40 {
		recs = append(recs, small(fmt.Sprintf("id-%d", i)))
	}
	recs[5] = `{"id":"bad"`
	sink := newMemSink()
	opts := batch.Options{Print: (&fakePrinter{}).print, Engine: "fake 1"}
	if _, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), sink, opts); err != nil {
		t.Fatal(err)
	}
	first := sink.rows(t)
	sink.nextRun()
	// A killed run's journal: a stale row for id-7 and a half-written row.
	sink.prior = append(sink.prior, `{"line":8,"file":"id-7.pdf","status":"ok","sha256":"00","input_sha256":"11"}`+"\n"+`{"line":9,"file":"id-8.pdf","sta`)
	sink.files["id-1.pdf"] = []byte("%PDF-tampered")     // changed since: render again
	delete(sink.files, "id-2.pdf")                       // gone: render again
	recs[3] = strings.Replace(recs[3], "{", "{ ", 1)     // same article, other bytes: render again
	recs[4] = strings.Replace(recs[4], "Text", "New", 1) // edited: render again

	opts.Resume = true
	var rng = rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(recs[30:]), func(i, j int) { r := recs[30:]; r[i], r[j] = r[j], r[i] }) // moved lines keep their names
	sum, err := batch.Run(context.Background(), strings.NewReader(lines(recs...)), sink, opts)
	if err != nil {
		t.Fatal(err)
	}
	rows := sink.rows(t)
	if len(rows) != 40 {
		t.Fatalf("%d rows", len(rows))
	}
	rendered := map[string]bool{"id-1.pdf": true, "id-2.pdf": true, "id-3.pdf": true, "id-4.pdf": true}
	for i, r := range rows {
		switch {
		case i == 5:
			if r.Status != batch.StatusFailed {
				t.Errorf("line 6: %+v", r)
			}
		case rendered[r.File]:
			if r.Status != batch.StatusOK || sink.puts[r.File] != 1 {
				t.Errorf("line %d: %s, written %d times; want rendered again", r.Line, r.Status, sink.puts[r.File])
			}
		default:
			if r.Status != batch.StatusSkipped || sink.puts[r.File] != 0 {
				t.Errorf("line %d: %s, written %d times; want skipped", r.Line, r.Status, sink.puts[r.File])
			}
			if i < 30 && (r.SHA256 != first[i].SHA256 || r.Pages != first[i].Pages || r.Bytes != first[i].Bytes) {
				t.Errorf("line %d: skipped row %+v does not carry the old %+v", r.Line, r, first[i])
			}
		}
		if r.Status != batch.StatusFailed && r.SHA256 != sha(sink.files[r.File]) {
			t.Errorf("line %d: hash does not match %s", r.Line, r.File)
		}
	}
	if sum.Skipped != 35 || sum.OK != 4 || sum.Failed != 1 {
		t.Errorf("summary %+v", sum)
	}

	// Another engine renders everything again.
	sink.nextRun()
	opts.Engine = "fake 2"
	sum, err = batch.Run(context.Background(), strings.NewReader(lines(recs...)), sink, opts)
	if err != nil || sum.Skipped != 0 || sum.OK != 39 {
		t.Errorf("after an engine change: %+v, %v", sum, err)
	}
}

// TestRunResumeOptions: every option laid over the articles is part of the
// input hash, so a resumed run with other options renders again (the fake
// printer writes the same bytes whatever the options, as a PDF that does
// not show the change would), and one with the same options, in another
// spelling, keeps everything.
func TestRunResumeOptions(t *testing.T) {
	var recs []string
	for i := range 5 {
		recs = append(recs, small(fmt.Sprintf("id-%d", i)))
	}
	in := lines(recs...)
	yes, bleed, bleed2 := true, 3.0, 5.0
	base := batch.Options{Engine: "fake 1", Over: article.Options{Paper: "A4", Columns: 2, Grayscale: &yes, Bleed: &bleed, Pages: 2, Fit: "off"}}
	run := func(sink *memSink, o batch.Options) (batch.Summary, *fakePrinter) {
		t.Helper()
		fp := &fakePrinter{}
		o.Print, o.Resume = fp.print, true
		sum, err := batch.Run(context.Background(), strings.NewReader(in), sink, o)
		if err != nil {
			t.Fatal(err)
		}
		sink.nextRun()
		return sum, fp
	}
	changes := map[string]func(o *batch.Options){
		"paper":     func(o *batch.Options) { o.Over.Paper = "Letter" },
		"columns":   func(o *batch.Options) { o.Over.Columns = 3 },
		"grayscale": func(o *batch.Options) { o.Over.Grayscale = nil },
		"bleed":     func(o *batch.Options) { o.Over.Bleed = &bleed2 },
		"strict":    func(o *batch.Options) { o.Over.Strict = &yes },
		"pages":     func(o *batch.Options) { o.Over.Pages = 3 },
		"fit":       func(o *batch.Options) { o.Over.Fit = "auto" },
		"preset":    func(o *batch.Options) { o.Over.Preset = "proof" },
		"default":   func(o *batch.Options) { o.Preset = "web" },
		"missing":   func(o *batch.Options) { o.AllowMissingPhotos = true },
		"decoder":   func(o *batch.Options) { o.Decoder = "wordpress" },
		"setup":     func(o *batch.Options) { o.Setup = "profiles=1;fonts=2" },
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			sink := newMemSink()
			if sum, _ := run(sink, base); sum.OK != 5 {
				t.Fatalf("first run %+v", sum)
			}
			same := base
			same.Over.Paper, same.Over.Fit, same.Decoder = "a4", "OFF", "auto" // the same options, spelt otherwise
			if sum, fp := run(sink, same); sum.Skipped != 5 || fp.startedCount() != 0 {
				t.Fatalf("same options: %+v, %d renders; want every PDF kept", sum, fp.startedCount())
			}
			other := base
			change(&other)
			if sum, fp := run(sink, other); sum.OK != 5 || sum.Skipped != 0 || fp.startedCount() != 5 {
				t.Errorf("other %s: %+v, %d renders; want every PDF made again", name, sum, fp.startedCount())
			}
		})
	}
}

// TestRunLostPhotos: the photos a PDF was written without are in its row,
// counted in the summary and the trailer, and kept with the row when a
// resumed run keeps the PDF.
func TestRunLostPhotos(t *testing.T) {
	in := lines(small("a"), small("b"), small("c"))
	fp := &fakePrinter{lost: func(id string) []batch.LostPhoto {
		if id == "b" {
			return []batch.LostPhoto{{Path: "photo.src", Src: "https://img.example/b.jpg", Reason: "HTTP 404"}, {Path: "body[2].src", Src: "x.jpg", Reason: "HTTP 410"}}
		}
		return nil
	}}
	sink := newMemSink()
	opts := batch.Options{Print: fp.print, Engine: "fake 1"}
	sum, err := batch.Run(context.Background(), strings.NewReader(in), sink, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.LostPhotos != 2 {
		t.Errorf("summary counts %d lost photos, want 2", sum.LostPhotos)
	}
	if tr := batch.NewTrailer(sum, 0, nil); tr.LostPhotos != 2 {
		t.Errorf("trailer %+v", tr)
	}
	rows := sink.rows(t)
	if len(rows[1].Lost) != 2 || rows[1].Lost[0].Src != "https://img.example/b.jpg" || rows[1].Lost[1].Path != "body[2].src" || len(rows[0].Lost)+len(rows[2].Lost) != 0 {
		t.Errorf("rows %+v", rows)
	}
	sink.nextRun()
	opts.Resume = true
	sum, err = batch.Run(context.Background(), strings.NewReader(in), sink, opts)
	if err != nil || sum.OK != 1 || sum.Skipped != 2 || fp.startedCount() != 4 {
		t.Fatalf("resumed: %+v, %v, %d renders; want b rendered again (its photos were lost for causes that may pass)", sum, err, fp.startedCount())
	}

	// Photos gone for good: a resumed run keeps the PDF, and its row.
	gone := &fakePrinter{lost: func(id string) []batch.LostPhoto {
		if id == "b" {
			return []batch.LostPhoto{{Path: "photo.src", Src: "https://img.example/b.jpg", Reason: "HTTP 404", Gone: true}, {Path: "body[2].src", Src: "x.jpg", Reason: "HTTP 410", Gone: true}}
		}
		return nil
	}}
	sink = newMemSink()
	opts = batch.Options{Print: gone.print, Engine: "fake 1"}
	if _, err := batch.Run(context.Background(), strings.NewReader(in), sink, opts); err != nil {
		t.Fatal(err)
	}
	sink.nextRun()
	opts.Resume = true
	sum, err = batch.Run(context.Background(), strings.NewReader(in), sink, opts)
	if err != nil || sum.Skipped != 3 || sum.LostPhotos != 2 || gone.startedCount() != 3 {
		t.Fatalf("resumed: %+v, %v, %d renders; want all kept, with their 2 lost photos", sum, err, gone.startedCount())
	}
	if rows := sink.rows(t); len(rows[1].Lost) != 2 || !rows[1].Lost[0].Gone {
		t.Errorf("the kept row lost its lost photos: %+v", rows[1])
	}
}
