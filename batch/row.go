package batch

import "time"

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

// Summary counts a run's rows.
type Summary struct {
	Rows, OK, Failed, Skipped int
	Pages                     int
	Bytes                     int64 // PDF bytes of ok and skipped rows
	Elapsed                   time.Duration
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
}
