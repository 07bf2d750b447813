package pdfpatch

import (
	"bytes"
	"compress/zlib"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// srgbProfile is the ICC's sRGB v2 profile (sRGB2014.icc); its licence,
// icc/LICENSE.color.org, allows embedding it unaltered. It is held as a
// string so that no render can change it.
//
//go:embed icc/sRGB2014.icc
var srgbProfile string

// srgbCondition names the output condition the sRGB profile describes.
const srgbCondition = "sRGB IEC61966-2.1"

// srgbDeflated is the profile compressed, once per process: fpdf would
// compress it again for every document with a new 1 MB compressor, so the
// archive pass adds the output intent itself (addOutputIntent).
var srgbDeflated = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	zw.Write([]byte(srgbProfile))
	zw.Close()
	return b.Bytes()
})

// addOutputIntent gives f the PDF/A output intent: every DeviceRGB and
// DeviceGray colour in the file is meant as sRGB. The profile becomes a new
// last object, referred to from the catalog's /OutputIntents.
func (f *pdfFile) addOutputIntent() error {
	root, err := f.ref(f.trailer, "/Root")
	if err != nil || root == nil {
		return fmt.Errorf("%w: no catalog (%v)", errSyntax, err)
	}
	if v, err := dictLookup(root.value, "/OutputIntents"); err != nil || v != nil {
		return fmt.Errorf("%w: the catalog already has output intents (%v)", errSyntax, err)
	}
	n := len(f.objects) + 1
	icc := srgbDeflated()
	o := &pdfObject{
		num:    n,
		prefix: []byte(strconv.Itoa(n) + " 0 obj\n"),
		value:  fmt.Appendf(nil, "<< /N 3 /Alternate /DeviceRGB /Length %d /Filter /FlateDecode >>", len(icc)),
		rest:   []byte("\nstream\n\nendstream\nendobj\n"),
		splice: icc, spliceAt: len("\nstream\n"),
	}
	f.objects = append(f.objects, o)
	f.byNum[n] = o
	// /S /GTS_PDFA1 is the subtype of PDF/A-1, -2 and -3 alike.
	intent := fmt.Sprintf("/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (%s) /Info (%s) /DestOutputProfile %d 0 R>>]",
		srgbCondition, srgbCondition, n)
	end := bytes.LastIndex(root.value, []byte(">>"))
	if end < 0 {
		return fmt.Errorf("%w: catalog is not a dictionary", errSyntax)
	}
	root.value = slices.Concat(root.value[:end], []byte(intent), root.value[end:])
	if f.trailer, err = setEntry(f.trailer, "/Size", strconv.Itoa(n+1)); err != nil {
		return fmt.Errorf("trailer: %w", err)
	}
	return nil
}
