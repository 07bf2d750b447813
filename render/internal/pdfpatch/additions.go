package pdfpatch

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
)

// Additions are what the renderer asks the pass to add to fpdf's output.
type Additions struct {
	// Fonts replace placeholder fonts: fpdf writes each as a core font
	// named Mark, which gives it a resource name and an object; the pass
	// replaces that object's dictionary and appends the objects the new
	// font refers to (descendant font, descriptor, font file, ToUnicode).
	Fonts []Font
	// RightToLeft sets /ViewerPreferences <</Direction /R2L>> in the
	// catalog (a right-to-left article).
	RightToLeft bool
	// DisplayDocTitle sets /ViewerPreferences <</DisplayDocTitle true>>:
	// a viewer shows the document's title, not its file name.
	DisplayDocTitle bool
	// Structure, when not nil, makes the file a tagged PDF (see
	// Structure).
	Structure *Structure
}

// Font is a font dictionary that takes a placeholder's place.
type Font struct {
	Mark string // the placeholder's /BaseFont, without the slash
	// Objects is how many objects the font appends; Build gets their
	// numbers, in order, and returns the font dictionary and the objects.
	Objects int
	Build   func(nums []int) (font []byte, objects []Object)
}

// Object is an appended object: a dictionary, and its stream data when
// Stream is not nil (the dictionary then carries the stream's /Length).
type Object struct {
	Dict   []byte
	Stream []byte
}

func (f *pdfFile) apply(add *Additions) error {
	if add == nil {
		return nil
	}
	for _, c := range add.Fonts {
		if err := f.replaceFont(c); err != nil {
			return err
		}
	}
	if add.Structure != nil {
		if err := f.tagged(add.Structure); err != nil {
			return fmt.Errorf("structure: %w", err)
		}
	}
	if len(add.Fonts) > 0 || add.Structure != nil {
		t, err := setEntry(f.trailer, "/Size", strconv.Itoa(len(f.objects)+1))
		if err != nil {
			return fmt.Errorf("trailer: %w", err)
		}
		f.trailer = t
	}
	if add.RightToLeft || add.DisplayDocTitle {
		return f.viewerPreferences(add.RightToLeft, add.DisplayDocTitle)
	}
	return nil
}

func (f *pdfFile) replaceFont(c Font) error {
	var font *pdfObject
	for _, o := range f.objects {
		if o.isStream() {
			continue
		}
		if bf, err := dictLookup(o.value, "/BaseFont"); err == nil && string(bytes.TrimSpace(bf)) == "/"+c.Mark {
			font = o
			break
		}
	}
	if font == nil {
		return fmt.Errorf("%w: font %s not in the file", errSyntax, c.Mark)
	}
	nums := make([]int, c.Objects)
	for i := range nums {
		nums[i] = len(f.objects) + 1 + i
	}
	dict, objs := c.Build(nums)
	if len(objs) != c.Objects {
		return fmt.Errorf("font %s: %d objects, announced %d", c.Mark, len(objs), c.Objects)
	}
	for i, ob := range objs {
		n := nums[i]
		rest := []byte("\nendobj\n")
		if ob.Stream != nil {
			rest = slices.Concat([]byte("\nstream\n"), ob.Stream, []byte("\nendstream\nendobj\n"))
		}
		o := &pdfObject{num: n, prefix: fmt.Appendf(nil, "%d 0 obj\n", n), value: ob.Dict, rest: rest}
		f.objects = append(f.objects, o)
		f.byNum[n] = o
	}
	font.value = dict
	return nil
}

// viewerPreferences adds /ViewerPreferences to the catalog: with rtl
// /Direction /R2L, so that a viewer shows the pages of a right-to-left
// article side by side from the right; with title /DisplayDocTitle true.
func (f *pdfFile) viewerPreferences(rtl, title bool) error {
	root, err := f.ref(f.trailer, "/Root")
	if err != nil || root == nil {
		return fmt.Errorf("%w: no catalog (%v)", errSyntax, err)
	}
	if v, err := dictLookup(root.value, "/ViewerPreferences"); err != nil || v != nil {
		return fmt.Errorf("%w: catalog already has /ViewerPreferences", errSyntax)
	}
	prefs := "/ViewerPreferences <<"
	if title {
		prefs += "/DisplayDocTitle true"
	}
	if rtl {
		if title {
			prefs += " "
		}
		prefs += "/Direction /R2L"
	}
	return f.addToCatalog(root, prefs+">>\n")
}
