package pdfpatch

import "fmt"

// Finish is the last pass over every file the renderer writes, fpdf's
// output: it puts the streams fpdf was handed placeholders for in their
// place (see Streams), compresses the page contents, re-encodes bookmark
// titles as UTF-16 (see unicodeTitles) and, when archive is not nil, makes
// the file PDF/A-2b. The file is always written anew, with a fresh
// cross-reference table; a file with nothing to edit comes back as it was.
func Finish(pdf []byte, streams *Streams, archive *Archive) ([]byte, error) {
	return FinishWith(pdf, streams, archive, nil)
}

// FinishWith is Finish with additions (nil for none): Type0 fonts in place
// of placeholder fonts, a right-to-left reading direction.
func FinishWith(pdf []byte, streams *Streams, archive *Archive, add *Additions) ([]byte, error) {
	f, err := parsePDF(pdf)
	if err != nil {
		return nil, fmt.Errorf("finishing: %w", err)
	}
	if err := f.apply(add); err != nil {
		return nil, fmt.Errorf("finishing: %w", err)
	}
	if err := f.substitute(streams); err != nil {
		return nil, fmt.Errorf("finishing: %w", err)
	}
	if err := f.compressContents(); err != nil {
		return nil, fmt.Errorf("finishing: %w", err)
	}
	if err := f.unicodeTitles(); err != nil {
		return nil, fmt.Errorf("finishing: %w", err)
	}
	if archive != nil {
		if err := archive.apply(f); err != nil {
			return nil, fmt.Errorf("PDF/A: %w", err)
		}
	}
	return f.bytes(), nil
}
