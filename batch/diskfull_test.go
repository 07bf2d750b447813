package batch_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/blob/driver"
	"gocloud.dev/gcerrors"

	"printd/article"
	"printd/batch"
)

// The output disk fills up in the middle of a batch. Each sink must stop
// the run with an error that is syscall.ENOSPC, leave no partial PDF
// under a final name and no temporary file, keep only manifest rows whose
// PDF is complete, and (directory and bucket) let a resumed run finish
// the output once there is room, ending where one clean run ends. A zip
// cannot be resumed: a full disk makes it unusable, so nothing appears
// under its name, and the run is made again.
//
// The disk fills up for real on a small tmpfs where the test may mount
// one, and always through writes that run out of a byte budget.

const fullArticles = 40

// cleanRun is one clean run of the corpus through the real engine into a
// directory: what every run that ran out of space must end up as.
type cleanRun struct {
	in     string            // the NDJSON input
	want   []expect          // what the manifest says of each line
	pdfs   map[string][]byte // by file name
	rows   []batch.Row
	total  int64 // bytes of every PDF
	byID   map[string][]byte
	render map[string]batch.Rendered // by id
}

var (
	cleanOnce sync.Once
	clean     *cleanRun
	cleanErr  error
)

func reference(t *testing.T) *cleanRun {
	t.Helper()
	cleanOnce.Do(func() { clean, cleanErr = makeReference(t) })
	if cleanErr != nil {
		t.Fatal(cleanErr)
	}
	return clean
}

func makeReference(t *testing.T) (*cleanRun, error) {
	dir := t.TempDir()
	inPath, want := corpus(t, dir, fullArticles, false)
	in, err := os.ReadFile(inPath)
	if err != nil {
		return nil, err
	}
	ref := &cleanRun{in: string(in), want: want, pdfs: map[string][]byte{}, byID: map[string][]byte{}, render: map[string]batch.Rendered{}}
	var mu sync.Mutex
	engine := enginePrint(dir)
	capture := func(ctx context.Context, a *article.Article, over article.Over, w io.Writer) (batch.Rendered, error) {
		var buf bytes.Buffer
		r, err := engine(ctx, a, over, &buf)
		if err == nil {
			mu.Lock()
			ref.byID[a.ID], ref.render[a.ID] = bytes.Clone(buf.Bytes()), r
			mu.Unlock()
			_, err = w.Write(buf.Bytes())
		}
		return r, err
	}
	out := filepath.Join(dir, "out")
	sink, err := batch.OpenDir(out, "manifest.ndjson")
	if err != nil {
		return nil, err
	}
	if _, err := batch.Run(context.Background(), strings.NewReader(ref.in), sink, batch.Options{Print: capture, Workers: 2}); err != nil {
		sink.Abort()
		return nil, err
	}
	if err := sink.Close(context.Background()); err != nil {
		return nil, err
	}
	m, err := os.ReadFile(sink.ManifestPath())
	if err != nil {
		return nil, err
	}
	ref.rows = parseRows(t, m)
	checkOutput(t, out, ref.rows, want)
	qpdf := qpdfTool(t)
	for _, r := range ref.rows {
		if r.Status != batch.StatusOK {
			continue
		}
		p := filepath.Join(out, r.File)
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if qpdf != "" {
			if out, err := runTool(qpdf, "--check", p); err != nil {
				return nil, fmt.Errorf("qpdf --check %s: %v\n%s", r.File, err, out)
			}
		}
		ref.pdfs[r.File] = b
		ref.total += int64(len(b))
	}
	if len(ref.pdfs) != count(want, batch.StatusOK) || len(ref.byID) != len(ref.pdfs) {
		return nil, fmt.Errorf("clean run wrote %d PDFs for %d articles", len(ref.pdfs), len(ref.byID))
	}
	return ref, nil
}

// qpdfTool is qpdf's path, or "" when it is missing (a failure with
// PRINTD_REQUIRE_TOOLS set).
func qpdfTool(t *testing.T) string {
	p, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") != "" {
			t.Fatal("qpdf not found")
		}
		t.Log("qpdf not found: PDFs are checked by header, trailer and bytes only")
		return ""
	}
	return p
}

// zipHeaders is the size of the local headers of the clean run's PDFs in
// a zip.
func (ref *cleanRun) zipHeaders() int64 {
	n := int64(0)
	for name := range ref.pdfs {
		n += 30 + int64(len(name))
	}
	return n
}

// print writes the clean run's PDF of each article again, so that runs
// that fill the disk cost no rendering.
func (ref *cleanRun) print(ctx context.Context, a *article.Article, _ article.Over, w io.Writer) (batch.Rendered, error) {
	// As slow as a quick render, so that the manifest keeps up with the
	// PDFs and the disk fills up with rows written.
	select {
	case <-time.After(10 * time.Millisecond):
	case <-ctx.Done():
		return batch.Rendered{}, ctx.Err()
	}
	b, ok := ref.byID[a.ID]
	if !ok {
		return batch.Rendered{}, fmt.Errorf("no PDF for %q in the clean run", a.ID)
	}
	_, err := w.Write(b)
	return ref.render[a.ID], err
}

func (ref *cleanRun) opts(resume bool) batch.Options {
	return batch.Options{Print: ref.print, Workers: 2, Resume: resume}
}

// checkPDF fails unless pdf is a whole PDF: the header, the %%EOF trailer
// and the very bytes of the clean run (which qpdf checked).
func (ref *cleanRun) checkPDF(t *testing.T, name string, pdf []byte) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(pdf, "\r\n"), []byte("%%EOF")) {
		t.Errorf("%s: %d bytes, not a complete PDF", name, len(pdf))
		return
	}
	if !bytes.Equal(pdf, ref.pdfs[name]) {
		t.Errorf("%s: %d bytes differ from the clean run's %d", name, len(pdf), len(ref.pdfs[name]))
	}
}

// checkRows fails unless each row a run stopped by a full disk left is
// the clean run's row for its line and, if it is ok, names a PDF present
// in files with its hash; none blames the disk (an article the disk
// stopped has no row). It returns how many name a PDF.
func (ref *cleanRun) checkRows(t *testing.T, rows []batch.Row, files map[string][]byte) int {
	t.Helper()
	done := 0
	for _, r := range rows {
		i := slices.IndexFunc(ref.rows, func(c batch.Row) bool { return c.Line == r.Line })
		if i < 0 {
			t.Errorf("row for line %d, which has none", r.Line)
			continue
		}
		c := ref.rows[i]
		if strings.Contains(r.Error, "space") {
			t.Errorf("line %d: row blames the disk: %q", r.Line, r.Error)
		}
		if r.Status != c.Status || r.File != c.File || r.SHA256 != c.SHA256 || r.Error != c.Error {
			t.Errorf("line %d: row %+v, clean run %+v", r.Line, r, c)
			continue
		}
		if r.Status != batch.StatusOK {
			continue
		}
		pdf, ok := files[r.File]
		if !ok || sha(pdf) != r.SHA256 {
			t.Errorf("line %d: recorded as done, but %s is missing or differs", r.Line, r.File)
		}
		done++
	}
	return done
}

// checkFinal fails unless the manifest rows and files equal the clean
// run's (skipped rows standing for ok ones).
func (ref *cleanRun) checkFinal(t *testing.T, rows []batch.Row, files map[string][]byte) {
	t.Helper()
	if len(rows) != len(ref.rows) {
		t.Fatalf("%d rows, the clean run has %d", len(rows), len(ref.rows))
	}
	for i, r := range rows {
		c := ref.rows[i]
		st := r.Status
		if st == batch.StatusSkipped {
			st = batch.StatusOK
		}
		if r.Line != c.Line || st != c.Status || r.File != c.File || r.SHA256 != c.SHA256 || r.Bytes != c.Bytes || r.Pages != c.Pages || r.Error != c.Error {
			t.Errorf("row %d: %+v, clean run %+v", i, r, c)
		}
	}
	if got, want := slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(ref.pdfs)); !slices.Equal(got, want) {
		t.Fatalf("PDFs %v\nclean run %v", got, want)
	}
	for name, pdf := range files {
		ref.checkPDF(t, name, pdf)
	}
}

// wantDiskFull fails unless err says the disk is full.
func wantDiskFull(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("%s: error %v, want ENOSPC", what, err)
	}
}

// fullDisk is a byte budget: writes to the files (or objects) it covers
// take from free, and the first that finds too little writes what still
// fits and fails with ENOSPC, as write(2) does; every later one fails too
// until there is room again. With failAt set, the budget is not in bytes:
// write number failAt gets half its bytes in.
type fullDisk struct {
	mu     sync.Mutex
	free   int64
	covers func(name string) bool // nil: every one
	failAt int
	writes int
	fails  int
}

func (d *fullDisk) take(name string, n int) (int, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.covers != nil && !d.covers(name) {
		return n, true
	}
	d.writes++
	if d.failAt > 0 && d.writes < d.failAt {
		return n, true
	}
	if d.failAt > 0 && d.writes == d.failAt {
		d.free = int64(n / 2)
	}
	if int64(n) <= d.free {
		d.free -= int64(n)
		return n, true
	}
	k := int(max(d.free, 0))
	d.free = 0
	d.fails++
	return k, false
}

func (d *fullDisk) failures() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.fails
}

// write is the sinks' write to the file f.
func (d *fullDisk) write(f *os.File, b []byte) (int, error) {
	k, ok := d.take(filepath.Base(f.Name()), len(b))
	n, err := f.Write(b[:k])
	if err == nil && !ok {
		err = &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	return n, err
}

// dirState reads a directory output: its PDFs, the rows of its journals
// (checking that each journal holds whole rows) and its other files.
func dirState(t *testing.T, dir string) (pdfs map[string][]byte, rows []batch.Row, other []string) {
	t.Helper()
	pdfs = map[string][]byte{}
	for _, n := range dirNames(t, dir) {
		if st, err := os.Stat(filepath.Join(dir, n)); err != nil || st.IsDir() {
			other = append(other, n)
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(n, ".pdf") && !strings.HasPrefix(n, "."):
			pdfs[n] = b
		case strings.HasPrefix(n, ".manifest.") && strings.HasSuffix(n, ".journal"):
			if len(b) > 0 && b[len(b)-1] != '\n' {
				t.Errorf("journal %s ends in a partial row: …%q", n, b[max(0, len(b)-40):])
			}
			rows = append(rows, parseRows(t, b)...)
		default:
			other = append(other, n)
		}
	}
	return pdfs, rows, other
}

// TestDiskFullDir: the disk fills up while PDFs and journal rows are
// written; the resumed run finishes the output.
func TestDiskFullDir(t *testing.T) {
	ref := reference(t)
	for _, tc := range []struct {
		name string
		disk *fullDisk
	}{
		{"pdfs and journal", &fullDisk{free: ref.total / 2}},
		// Only the journal runs out, in the middle of its second append.
		{"journal", &fullDisk{failAt: 2, covers: func(n string) bool { return strings.HasSuffix(n, ".journal") }}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			d, err := batch.OpenDir(out, "manifest.ndjson")
			if err != nil {
				t.Fatal(err)
			}
			disk := tc.disk
			batch.SetDirWrite(d, disk.write)
			_, err = batch.Run(context.Background(), strings.NewReader(ref.in), d, ref.opts(false))
			wantDiskFull(t, "run", err)
			if disk.covers != nil && !strings.HasPrefix(err.Error(), "manifest: ") {
				t.Errorf("error %v, want the manifest's", err)
			}
			if err := d.Abort(); err != nil {
				t.Fatal(err)
			}
			if disk.failures() == 0 {
				t.Fatal("the disk never filled up")
			}
			resumeDir(t, ref, out)
		})
	}
}

// resumeDir checks what a run stopped by a full disk left in out, then
// resumes it with room to spare.
func resumeDir(t *testing.T, ref *cleanRun, out string) {
	t.Helper()
	pdfs, rows, other := dirState(t, out)
	if len(other) != 0 {
		t.Errorf("left besides PDFs and journals: %v", other)
	}
	for name, pdf := range pdfs {
		ref.checkPDF(t, name, pdf)
	}
	done := ref.checkRows(t, rows, pdfs)
	if done == 0 || done == len(ref.pdfs) {
		t.Fatalf("the disk filled up after %d of %d PDFs were recorded: want it in the middle", done, len(ref.pdfs))
	}
	t.Logf("full after %d of %d PDFs, %d recorded", len(pdfs), len(ref.pdfs), done)

	d, err := batch.OpenDir(out, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := batch.Run(context.Background(), strings.NewReader(ref.in), d, ref.opts(true))
	if err != nil {
		d.Abort()
		t.Fatal(err)
	}
	if err := d.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != done || sum.OK != len(ref.pdfs)-done {
		t.Errorf("resumed run %+v: want the %d recorded PDFs skipped, the rest rendered", sum, done)
	}
	pdfs, rows, other = dirState(t, out)
	if len(rows) != 0 || !slices.Equal(other, []string{"manifest.ndjson"}) {
		t.Errorf("after the resumed run: %d journal rows, other files %v", len(rows), other)
	}
	m, err := os.ReadFile(d.ManifestPath())
	if err != nil {
		t.Fatal(err)
	}
	ref.checkFinal(t, parseRows(t, m), pdfs)
}

// zipEntries reads an archive's PDFs and manifest rows.
// zipAgain runs the whole batch again into a zip at target, with room on
// the disk this time, and checks it gives the clean run's output.
func zipAgain(t *testing.T, ctx context.Context, ref *cleanRun, target string) {
	t.Helper()
	z, err := batch.CreateZip(target, "manifest.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := batch.Run(ctx, strings.NewReader(ref.in), z, ref.opts(false)); err != nil {
		z.Abort()
		t.Fatal(err)
	}
	if err := z.Close(ctx); err != nil {
		t.Fatal(err)
	}
	pdfs, rows := zipEntries(t, target)
	ref.checkFinal(t, rows, pdfs)
}

func zipEntries(t *testing.T, path string) (map[string][]byte, []batch.Row) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	pdfs := map[string][]byte{}
	var rows []batch.Row
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.Name == "manifest.ndjson" {
			rows = parseRows(t, b)
		} else {
			pdfs[f.Name] = b
		}
	}
	return pdfs, rows
}

// TestDiskFullZip: a full disk makes the archive unusable, whether it
// fills up with the PDFs or with the manifest and central directory on
// Close. The error says so, the temporary file goes, an earlier archive
// under the name stays untouched; a new run with room makes the archive
// of a clean run.
func TestDiskFullZip(t *testing.T) {
	ref := reference(t)
	for _, tc := range []struct {
		name  string
		free  int64
		inPut bool // the disk fills up during the run, not on Close
	}{
		{"while writing PDFs", ref.total / 2, true},
		// Every PDF and its local header fit; the manifest and the
		// central directory do not.
		{"on close", ref.total + ref.zipHeaders() + 16, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			target := filepath.Join(dir, "out.zip")
			old := []byte("an earlier archive")
			if err := os.WriteFile(target, old, 0o644); err != nil {
				t.Fatal(err)
			}
			z, err := batch.CreateZip(target, "manifest.ndjson")
			if err != nil {
				t.Fatal(err)
			}
			disk := &fullDisk{free: tc.free}
			batch.SetZipWrite(z, disk.write)
			_, err = batch.Run(ctx, strings.NewReader(ref.in), z, ref.opts(false))
			if tc.inPut {
				wantDiskFull(t, "run", err)
				// The archive is unusable from now on, even with room.
				disk.mu.Lock()
				disk.free = 1 << 40
				disk.mu.Unlock()
				wantDiskFull(t, "Put after the failure", z.Put(ctx, "late.pdf", ref.pdfs[ref.rows[0].File]))
				wantDiskFull(t, "Close after the failure", z.Close(ctx))
			} else {
				if err != nil {
					t.Fatal(err)
				}
				wantDiskFull(t, "Close", z.Close(ctx))
			}
			if err := z.Abort(); err != nil {
				t.Fatal(err)
			}
			if disk.failures() == 0 {
				t.Fatal("the disk never filled up")
			}
			if names := dirNames(t, dir); !slices.Equal(names, []string{"out.zip"}) {
				t.Errorf("directory holds %v", names)
			}
			if b, _ := os.ReadFile(target); !bytes.Equal(b, old) {
				t.Errorf("the earlier archive was replaced by %d bytes", len(b))
			}

			// With room, the run made again gives the clean run's archive.
			zipAgain(t, ctx, ref, target)
			if unzip, err := exec.LookPath("unzip"); err == nil {
				if out, err := runTool(unzip, "-t", target); err != nil || !strings.Contains(out, "No errors detected") {
					t.Errorf("unzip -t: %v\n%s", err, out)
				}
			}
		})
	}
}

// quotaBucket is a bucket on a small disk: an object's writer takes bytes
// from a fullDisk and, like fileblob (which renames its temporary file
// into place), keeps what it took on Close unless its context was
// cancelled first.
type quotaBucket struct {
	driver.Bucket // the methods the sink does not use, left nil

	disk *fullDisk
	mu   sync.Mutex
	objs map[string][]byte
}

var errNoObject = errors.New("no such object")

func (b *quotaBucket) ErrorCode(err error) gcerrors.ErrorCode {
	if errors.Is(err, errNoObject) {
		return gcerrors.NotFound
	}
	return gcerrors.Unknown
}
func (b *quotaBucket) As(any) bool             { return false }
func (b *quotaBucket) ErrorAs(error, any) bool { return false }
func (b *quotaBucket) Close() error            { return nil }

func (b *quotaBucket) ListPaged(_ context.Context, opts *driver.ListOptions) (*driver.ListPage, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	page := &driver.ListPage{}
	for _, k := range slices.Sorted(maps.Keys(b.objs)) {
		if strings.HasPrefix(k, opts.Prefix) {
			page.Objects = append(page.Objects, &driver.ListObject{Key: k, Size: int64(len(b.objs[k]))})
		}
	}
	return page, nil
}

func (b *quotaBucket) NewRangeReader(_ context.Context, key string, offset, length int64, _ *driver.ReaderOptions) (driver.Reader, error) {
	b.mu.Lock()
	data, ok := b.objs[key]
	b.mu.Unlock()
	if !ok {
		return nil, errNoObject
	}
	r := &quotaReader{attrs: driver.ReaderAttributes{ContentType: "application/octet-stream", Size: int64(len(data))}}
	data = data[offset:]
	if length >= 0 && length < int64(len(data)) {
		data = data[:length]
	}
	r.Reader = bytes.NewReader(data)
	return r, nil
}

func (b *quotaBucket) NewTypedWriter(ctx context.Context, key, _ string, _ *driver.WriterOptions) (driver.Writer, error) {
	return &quotaWriter{ctx: ctx, key: key, b: b}, nil
}

func (b *quotaBucket) Delete(_ context.Context, key string, _ *driver.DeleteOptions) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.objs[key]; !ok {
		return errNoObject
	}
	delete(b.objs, key)
	return nil
}

func (b *quotaBucket) objects() map[string][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return maps.Clone(b.objs)
}

type quotaReader struct {
	*bytes.Reader
	attrs driver.ReaderAttributes
}

func (r *quotaReader) Close() error                         { return nil }
func (r *quotaReader) Attributes() *driver.ReaderAttributes { return &r.attrs }
func (r *quotaReader) As(any) bool                          { return false }

type quotaWriter struct {
	ctx context.Context
	key string
	b   *quotaBucket
	buf bytes.Buffer
}

func (w *quotaWriter) Write(p []byte) (int, error) {
	k, ok := w.b.disk.take(w.key, len(p))
	w.buf.Write(p[:k])
	if !ok {
		return k, &os.PathError{Op: "write", Path: w.key, Err: syscall.ENOSPC}
	}
	return k, nil
}

func (w *quotaWriter) Close() error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	w.b.mu.Lock()
	w.b.objs[w.key] = bytes.Clone(w.buf.Bytes())
	w.b.mu.Unlock()
	return nil
}

// bucketState splits a bucket's objects into PDFs, journal rows (checking
// that each chunk holds whole rows), the manifest's rows and the rest.
func bucketState(t *testing.T, objs map[string][]byte) (pdfs map[string][]byte, journal, manifest []batch.Row, other []string) {
	t.Helper()
	pdfs = map[string][]byte{}
	for k, b := range objs {
		switch {
		case strings.HasPrefix(k, ".manifest.journal/") && strings.HasSuffix(k, ".ndjson"):
			if len(b) == 0 || b[len(b)-1] != '\n' {
				t.Errorf("journal chunk %s is not whole rows: …%q", k, b[max(0, len(b)-40):])
			}
			journal = append(journal, parseRows(t, b)...)
		case k == "manifest.ndjson":
			manifest = parseRows(t, b)
		case strings.HasSuffix(k, ".pdf"):
			pdfs[k] = b
		default:
			other = append(other, k)
		}
	}
	return pdfs, journal, manifest, other
}

// TestDiskFullBlob: the bucket's disk fills up while PDFs and journal
// chunks are written, or only when Close writes the manifest; no partial
// object is left and the resumed run finishes the output.
func TestDiskFullBlob(t *testing.T) {
	ref := reference(t)
	for _, tc := range []struct {
		name    string
		free    int64
		covers  func(string) bool
		onClose bool
	}{
		{"pdfs and journal", ref.total / 2, nil, false},
		{"manifest on close", 1000, func(k string) bool { return k == "manifest.ndjson" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			disk := &fullDisk{free: tc.free, covers: tc.covers}
			qb := &quotaBucket{disk: disk, objs: map[string][]byte{}}
			b := blob.NewBucket(qb)
			defer b.Close()
			s, err := batch.NewBlob(b, "manifest.ndjson")
			if err != nil {
				t.Fatal(err)
			}
			s.JournalInterval = 0 // a chunk per append
			_, err = batch.Run(ctx, strings.NewReader(ref.in), s, ref.opts(false))
			if tc.onClose {
				if err != nil {
					t.Fatal(err)
				}
				wantDiskFull(t, "Close", s.Close(ctx))
			} else {
				wantDiskFull(t, "run", err)
				// Journaling the rows still waiting may fail as well.
				if err := s.Abort(); err != nil && !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
			}
			if disk.failures() == 0 {
				t.Fatal("the disk never filled up")
			}
			pdfs, journal, manifest, other := bucketState(t, qb.objects())
			if manifest != nil || len(other) != 0 {
				t.Errorf("left a manifest (%d rows) or other objects %v", len(manifest), other)
			}
			for name, pdf := range pdfs {
				ref.checkPDF(t, name, pdf)
			}
			done := ref.checkRows(t, journal, pdfs)
			if tc.onClose && done != len(ref.pdfs) {
				t.Errorf("the journals name %d PDFs, want all %d", done, len(ref.pdfs))
			}
			if !tc.onClose && (done == 0 || len(pdfs) == len(ref.pdfs)) {
				t.Fatalf("the disk filled up after %d rows and %d PDFs: want it in the middle", done, len(pdfs))
			}

			disk.mu.Lock()
			disk.free = 1 << 40
			disk.mu.Unlock()
			s, err = batch.NewBlob(b, "manifest.ndjson")
			if err != nil {
				t.Fatal(err)
			}
			sum, err := batch.Run(ctx, strings.NewReader(ref.in), s, ref.opts(true))
			if err != nil {
				s.Abort()
				t.Fatal(err)
			}
			if err := s.Close(ctx); err != nil {
				t.Fatal(err)
			}
			if sum.Skipped != done || sum.OK != len(ref.pdfs)-done {
				t.Errorf("resumed run %+v: want the %d recorded PDFs skipped", sum, done)
			}
			pdfs, journal, manifest, other = bucketState(t, qb.objects())
			if len(journal) != 0 || len(other) != 0 {
				t.Errorf("journal rows %d, other objects %v left", len(journal), other)
			}
			ref.checkFinal(t, manifest, pdfs)
		})
	}
}

// mountTmpfs mounts a tmpfs of size bytes on a new directory, or skips
// the test where mounting is not allowed (TestDiskFullDir, TestDiskFullZip
// and TestDiskFullBlob run out of space without it). It returns the
// directory and a function that gives the file system room.
func mountTmpfs(t *testing.T, size int64) (string, func()) {
	t.Helper()
	dir := t.TempDir()
	size = (size + 4095) &^ 4095
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0755", size), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); the disk fills up through the sinks' writes in the other tests", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount: %v: %s", err, out)
		}
	})
	grow := func() {
		if out, err := exec.Command("mount", "-o", "remount,size=256m", dir).CombinedOutput(); err != nil {
			t.Fatalf("remount: %v: %s", err, out)
		}
	}
	return dir, grow
}

// TestDiskFullTmpfs fills a real file system: a tmpfs half the size of
// the clean run's PDFs.
func TestDiskFullTmpfs(t *testing.T) {
	ref := reference(t)
	ctx := context.Background()

	t.Run("dir", func(t *testing.T) {
		mnt, grow := mountTmpfs(t, ref.total/2)
		out := filepath.Join(mnt, "out")
		d, err := batch.OpenDir(out, "manifest.ndjson")
		if err != nil {
			t.Fatal(err)
		}
		_, err = batch.Run(ctx, strings.NewReader(ref.in), d, ref.opts(false))
		wantDiskFull(t, "run", err)
		if err := d.Abort(); err != nil {
			t.Fatal(err)
		}
		grow()
		resumeDir(t, ref, out)
	})

	t.Run("zip", func(t *testing.T) {
		mnt, grow := mountTmpfs(t, ref.total/2)
		target := filepath.Join(mnt, "out.zip")
		z, err := batch.CreateZip(target, "manifest.ndjson")
		if err != nil {
			t.Fatal(err)
		}
		_, err = batch.Run(ctx, strings.NewReader(ref.in), z, ref.opts(false))
		wantDiskFull(t, "run", err)
		if err := z.Abort(); err != nil {
			t.Fatal(err)
		}
		if names := dirNames(t, mnt); len(names) != 0 {
			t.Errorf("left %v", names)
		}
		grow()
		zipAgain(t, ctx, ref, target)
	})

	t.Run("blob", func(t *testing.T) {
		mnt, grow := mountTmpfs(t, ref.total/2)
		// Temporary files next to the objects, so that they fill this disk.
		u := "file://" + filepath.ToSlash(mnt) + "?metadata=skip&no_tmp_dir=1&prefix=" + url.QueryEscape("run/")
		s, err := batch.OpenBlob(ctx, u, "manifest.ndjson")
		if err != nil {
			t.Fatal(err)
		}
		s.JournalInterval = 0
		_, err = batch.Run(ctx, strings.NewReader(ref.in), s, ref.opts(false))
		wantDiskFull(t, "run", err)
		if err := s.Abort(); err != nil && !errors.Is(err, syscall.ENOSPC) {
			t.Fatal(err)
		}
		run := filepath.Join(mnt, "run")
		pdfs, rows, other := dirState(t, run)
		if !slices.Equal(other, []string{".manifest.journal"}) {
			t.Errorf("left besides PDFs and the journal: %v", other)
		}
		for name, pdf := range pdfs {
			ref.checkPDF(t, name, pdf)
		}
		journal := map[string][]byte{}
		for _, n := range dirNames(t, filepath.Join(run, ".manifest.journal")) {
			b, err := os.ReadFile(filepath.Join(run, ".manifest.journal", n))
			if err != nil {
				t.Fatal(err)
			}
			journal[".manifest.journal/"+n] = b
		}
		_, rows, _, other = bucketState(t, journal)
		if len(other) != 0 {
			t.Errorf("temporary files left in the journal: %v", other)
		}
		done := ref.checkRows(t, rows, pdfs)
		if done == 0 || len(pdfs) == len(ref.pdfs) {
			t.Fatalf("the disk filled up after %d rows and %d PDFs: want it in the middle", done, len(pdfs))
		}

		grow()
		s, err = batch.OpenBlob(ctx, u, "manifest.ndjson")
		if err != nil {
			t.Fatal(err)
		}
		sum, err := batch.Run(ctx, strings.NewReader(ref.in), s, ref.opts(true))
		if err != nil {
			s.Abort()
			t.Fatal(err)
		}
		if err := s.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if sum.Skipped != done {
			t.Errorf("resumed run %+v: want the %d recorded PDFs skipped", sum, done)
		}
		pdfs, _, other = dirState(t, run)
		if slices.Contains(other, ".manifest.journal") {
			if js := dirNames(t, filepath.Join(run, ".manifest.journal")); len(js) != 0 {
				t.Errorf("journal chunks left: %v", js)
			}
		}
		m, err := os.ReadFile(filepath.Join(run, "manifest.ndjson"))
		if err != nil {
			t.Fatal(err)
		}
		ref.checkFinal(t, parseRows(t, m), pdfs)
	})
}
