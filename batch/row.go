package batch

import (
	"encoding/json"
	"time"

	printengine "printd/engine"
	srcdesc "printd/internal/describe"
)

// Status is the outcome of one record.
type Status string

// Statuses of a manifest row.
const (
	StatusOK      Status = "ok"      // rendered and written
	StatusFailed  Status = "failed"  // not rendered; Error says why
	StatusSkipped Status = "skipped" // an earlier run's PDF was kept (Options.Resume)
)

// Problem is one validation problem of a failed article.
type Problem struct {
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Row is one manifest line: the fate of one non-empty input record.
type Row struct {
	// Line is the record's 1-based line number in NDJSON input, or its
	// 1-based element number in a JSON array.
	Line int    `json:"line"`
	ID   string `json:"id,omitempty"`
	// File is the PDF's name in the output, for ok and skipped rows.
	File     string   `json:"file,omitempty"`
	Status   Status   `json:"status"`
	Pages    int      `json:"pages,omitempty"`
	Bytes    int64    `json:"bytes,omitempty"`
	SHA256   string   `json:"sha256,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	// Lost lists the photos an ok (or kept) PDF was written without:
	// allowed in the web preset and with AllowMissingPhotos, and never
	// silent.
	Lost []LostPhoto `json:"lost_photos,omitempty"`
	// Error says why a record failed; it starts with the line (or
	// element) number.
	Error string `json:"error,omitempty"`
	// Problems lists every validation problem of a failed article.
	Problems []Problem `json:"problems,omitempty"`
	// Input is the SHA-256 of the record and of the options that shape
	// its PDF; a resumed run keeps a PDF only for the same input.
	Input string `json:"input_sha256,omitempty"`

	// Offset is how many input bytes had been read at the end of the
	// record, for progress reports; not part of the manifest.
	Offset int64 `json:"-"`
}

// LostPhoto is a photo left out of a PDF that was written without it.
type LostPhoto struct {
	// Path is the article field that names it: photo.src, body[3].src.
	Path string `json:"path"`
	// Src is its source, shortened for a report (a data: URI to its type
	// and size).
	Src string `json:"src"`
	// Reason is why it could not be had: "HTTP 404", "timed out after 3
	// attempts".
	Reason string `json:"reason"`
	// Gone is set when the source says the photo does not exist (HTTP 404
	// or 410, no such file). A resumed run keeps a PDF that lacks only
	// such photos; one that lacks a photo for a passing cause (a time-out,
	// a 503) is rendered again, to try the photo again.
	Gone bool `json:"gone,omitempty"`
}

// LostPhotos are an engine result's photos left out, for a row.
func LostPhotos(lost []*printengine.PhotoError) []LostPhoto {
	if len(lost) == 0 {
		return nil
	}
	out := make([]LostPhoto, len(lost))
	for i, pe := range lost {
		out[i] = LostPhoto{Path: pe.Path, Src: srcdesc.Source(pe.Src), Reason: pe.Reason, Gone: pe.Gone()}
	}
	return out
}

// Summary counts a run's rows.
type Summary struct {
	Rows, OK, Failed, Skipped int
	Pages                     int
	Bytes                     int64 // PDF bytes of ok and skipped rows
	// LostPhotos counts the photos the ok and skipped rows' PDFs lack.
	LostPhotos int
	Elapsed    time.Duration
}

func (s *Summary) add(r Row) {
	s.Rows++
	switch r.Status {
	case StatusOK:
		s.OK++
	case StatusFailed:
		s.Failed++
	case StatusSkipped:
		s.Skipped++
	}
	s.Pages += r.Pages
	s.Bytes += r.Bytes
	s.LostPhotos += len(r.Lost)
}

// Trailer is the last manifest row of a batch answered over HTTP: it says
// whether every input record was read, and counts them, so that a client
// can tell a whole answer from one cut short. A manifest without it is not
// whole either.
type Trailer struct {
	// Trailer is always true: it marks the row.
	Trailer bool `json:"trailer"`
	// Complete is true when the input was read to its end.
	Complete bool `json:"complete"`
	// Records counts the non-empty input records read: the rows above.
	Records int `json:"records"`
	OK      int `json:"ok"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	Pages   int `json:"pages"`
	// LostPhotos counts the photos the PDFs were written without (each
	// row's lost_photos names them).
	LostPhotos int `json:"lost_photos"`
	// InputBytes is how many bytes of input were read.
	InputBytes int64 `json:"input_bytes"`
	// Error says why the input could not be read to its end.
	Error string `json:"error,omitempty"`
}

// NewTrailer is the trailer of a run that wrote sum's rows after reading
// read bytes of input; err is the run's error (ErrInput: the input was
// cut short), nil for a run that read all of it.
func NewTrailer(sum Summary, read int64, err error) Trailer {
	t := Trailer{Trailer: true, Complete: err == nil, Records: sum.Rows, OK: sum.OK, Failed: sum.Failed,
		Skipped: sum.Skipped, Pages: sum.Pages, LostPhotos: sum.LostPhotos, InputBytes: read}
	if err != nil {
		t.Error = err.Error()
	}
	return t
}

// Encode is the trailer as one NDJSON line.
func (t Trailer) Encode() ([]byte, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
