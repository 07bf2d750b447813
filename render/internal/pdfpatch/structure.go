package pdfpatch

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
)

// Structure is the logical structure of a tagged PDF, as the renderer
// marked the page contents: the pass writes the structure tree, the parent
// tree, /StructParents on the pages and, for the link annotations, an
// object of their own with /StructParent and /Contents (PDF/UA-1).
type Structure struct {
	// Elems are the structure elements in tree order: Elems[0] is the
	// root (the Document element), every element after its parent.
	Elems []Elem
	// Pages lists, for each page, the element that owns each MCID of its
	// marked content, by MCID.
	Pages [][]int
	// Annots lists, for each page, its link annotations in the order fpdf
	// wrote them.
	Annots [][]AnnotTag
}

// Elem is one structure element.
type Elem struct {
	Type   string // the structure type: "P", "H1", "Figure", …
	Parent int    // index in Structure.Elems; -1 for the root
	Kids   []Kid  // in reading order
	Alt    string // alternate text
	Lang   string
	Attrs  string // an attribute dictionary, "<<…>>", or ""
}

// Kid is a child of an element: another element (Elem ≥ 0), marked
// content (MCID on Page) or a link annotation (Annot ≥ 0 of Page).
type Kid struct {
	Elem        int
	Page        int
	MCID, Annot int
}

// AnnotTag is what a link annotation gets: the Link element it belongs to
// (-1: none) and its description.
type AnnotTag struct {
	Elem     int
	Contents string
}

// tagged writes s into f.
func (f *pdfFile) tagged(s *Structure) error {
	root, err := f.ref(f.trailer, "/Root")
	if err != nil || root == nil {
		return fmt.Errorf("%w: no catalog (%v)", errSyntax, err)
	}
	pages, err := f.pageList(root)
	if err != nil {
		return err
	}
	if len(pages) != len(s.Pages) {
		return fmt.Errorf("%w: %d pages, structure for %d", errSyntax, len(pages), len(s.Pages))
	}
	// Object numbers: the tree root, the parent tree, the elements; the
	// annotations get theirs as they are taken out of the pages.
	rootNum := len(f.objects) + 1
	parentNum := rootNum + 1
	elemNum := func(i int) int { return parentNum + 1 + i }
	next := elemNum(len(s.Elems))
	ref := func(n int) string { return strconv.Itoa(n) + " 0 R" }

	annots := make([][]int, len(pages)) // each page's annotation objects
	var annotObjs []*pdfObject
	key := len(pages) // the parent tree keys of annotations follow the pages'
	var annotKeys []string
	for p, page := range pages {
		v := page.value
		add := " /StructParents " + strconv.Itoa(p)
		tags := s.Annots
		if list, err := dictLookup(v, "/Annots"); err != nil {
			return fmt.Errorf("page %d: %w", p+1, err)
		} else if list != nil {
			items, err := arrayItems(list)
			if err != nil {
				return fmt.Errorf("page %d: /Annots: %w", p+1, err)
			}
			if p >= len(tags) || len(tags[p]) != len(items) {
				return fmt.Errorf("%w: page %d has %d annotations, structure for %d", errSyntax, p+1, len(items), len(tagsAt(tags, p)))
			}
			refs := make([]byte, 0, 16*len(items)+2)
			refs = append(refs, '[')
			for i, it := range items {
				t := tags[p][i]
				d := bytes.TrimSpace(it)
				if !bytes.HasPrefix(d, []byte("<<")) {
					return fmt.Errorf("%w: page %d: annotation %d is not a direct dictionary", errSyntax, p+1, i)
				}
				end := bytes.LastIndex(d, []byte(">>"))
				var extra []byte
				if t.Elem >= 0 {
					extra = fmt.Appendf(extra, " /StructParent %d", key)
					annotKeys = append(annotKeys, strconv.Itoa(key)+" "+ref(elemNum(t.Elem)))
					key++
				}
				if t.Contents != "" {
					extra = append(extra, " /Contents "...)
					extra = append(extra, TextString(t.Contents)...)
				}
				n := next
				next++
				o := &pdfObject{num: n, prefix: fmt.Appendf(nil, "%d 0 obj\n", n),
					value: slices.Concat(d[:end], extra, d[end:]), rest: []byte("\nendobj\n")}
				annotObjs = append(annotObjs, o)
				annots[p] = append(annots[p], n)
				if i > 0 {
					refs = append(refs, ' ')
				}
				refs = append(refs, ref(n)...)
			}
			refs = append(refs, ']')
			if v, err = setEntry(v, "/Annots", string(refs)); err != nil {
				return err
			}
			add += " /Tabs /S"
		}
		end := bytes.LastIndex(v, []byte(">>"))
		page.value = slices.Concat(v[:end], []byte(add), v[end:])
	}

	pageRef := func(p int) string { return ref(pages[p].num) }
	var b []byte
	objs := make([][]byte, 0, 2+len(s.Elems))
	// the tree root
	objs = append(objs, fmt.Appendf(nil, "<</Type /StructTreeRoot /K %s /ParentTree %s /ParentTreeNextKey %d>>",
		ref(elemNum(0)), ref(parentNum), key))
	// the parent tree: one array of elements per page, one element per
	// annotation
	b = append(b[:0], "<</Nums ["...)
	for p, mc := range s.Pages {
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " ["...)
		for i, e := range mc {
			if i > 0 {
				b = append(b, ' ')
			}
			b = append(b, ref(elemNum(e))...)
		}
		b = append(b, "] "...)
	}
	for _, k := range annotKeys {
		b = append(b, k...)
		b = append(b, ' ')
	}
	b = append(b, "]>>"...)
	objs = append(objs, slices.Clone(b))
	for i, e := range s.Elems {
		b = append(b[:0], "<</Type /StructElem /S /"...)
		b = append(b, e.Type...)
		b = append(b, " /P "...)
		if e.Parent < 0 {
			b = append(b, ref(rootNum)...)
		} else {
			b = append(b, ref(elemNum(e.Parent))...)
		}
		pg := -1
		for _, k := range e.Kids {
			if k.Elem < 0 && k.Annot < 0 {
				pg = k.Page
				break
			}
		}
		if pg >= 0 {
			b = append(b, " /Pg "...)
			b = append(b, pageRef(pg)...)
		}
		if e.Alt != "" {
			b = append(b, " /Alt "...)
			b = append(b, TextString(e.Alt)...)
		}
		if e.Lang != "" {
			b = append(b, " /Lang "...)
			b = append(b, TextString(e.Lang)...)
		}
		if e.Attrs != "" {
			b = append(b, " /A "...)
			b = append(b, e.Attrs...)
		}
		b = append(b, " /K ["...)
		for j, k := range e.Kids {
			if j > 0 {
				b = append(b, ' ')
			}
			switch {
			case k.Elem >= 0:
				b = append(b, ref(elemNum(k.Elem))...)
			case k.Annot >= 0:
				if k.Page >= len(annots) || k.Annot >= len(annots[k.Page]) {
					return fmt.Errorf("%w: element %d: no annotation %d on page %d", errSyntax, i, k.Annot, k.Page+1)
				}
				b = fmt.Appendf(b, "<</Type /OBJR /Obj %s /Pg %s>>", ref(annots[k.Page][k.Annot]), pageRef(k.Page))
			case k.Page == pg:
				b = strconv.AppendInt(b, int64(k.MCID), 10)
			default:
				b = fmt.Appendf(b, "<</Type /MCR /Pg %s /MCID %d>>", pageRef(k.Page), k.MCID)
			}
		}
		b = append(b, "]>>"...)
		objs = append(objs, slices.Clone(b))
	}
	for i, v := range objs {
		n := rootNum + i
		o := &pdfObject{num: n, prefix: fmt.Appendf(nil, "%d 0 obj\n", n), value: v, rest: []byte("\nendobj\n")}
		f.objects = append(f.objects, o)
		f.byNum[n] = o
	}
	for _, o := range annotObjs {
		f.objects = append(f.objects, o)
		f.byNum[o.num] = o
	}
	f.header = headerVersion(f.header, '7')
	return f.addToCatalog(root, " /StructTreeRoot "+ref(rootNum)+" /MarkInfo <</Marked true>>")
}

// headerVersion returns header with the version raised to 1.v when lower
// (tagged PDF/UA-1 files are PDF 1.7).
func headerVersion(header []byte, v byte) []byte {
	at := len("%PDF-1.")
	if len(header) <= at || header[at] >= v {
		return header
	}
	h := bytes.Clone(header)
	h[at] = v
	return h
}

func tagsAt(t [][]AnnotTag, p int) []AnnotTag {
	if p < len(t) {
		return t[p]
	}
	return nil
}

// pageList returns the page objects in page order (fpdf writes one flat
// /Pages node).
func (f *pdfFile) pageList(root *pdfObject) ([]*pdfObject, error) {
	pagesObj, err := f.ref(root.value, "/Pages")
	if err != nil || pagesObj == nil {
		return nil, fmt.Errorf("%w: no page tree (%v)", errSyntax, err)
	}
	kids, err := dictLookup(pagesObj.value, "/Kids")
	if err != nil || kids == nil {
		return nil, fmt.Errorf("%w: page tree without /Kids (%v)", errSyntax, err)
	}
	items, err := arrayItems(kids)
	if err != nil {
		return nil, err
	}
	out := make([]*pdfObject, 0, len(items))
	for _, it := range items {
		n, ok := refNumber(it)
		if !ok || f.byNum[n] == nil {
			return nil, fmt.Errorf("%w: page tree kid %q", errSyntax, it)
		}
		o := f.byNum[n]
		if t, _ := dictLookup(o.value, "/Type"); string(bytes.TrimSpace(t)) != "/Page" {
			return nil, fmt.Errorf("%w: page tree kid %d is not a page (nested page trees are not supported)", errSyntax, n)
		}
		out = append(out, o)
	}
	return out, nil
}

// arrayItems splits the array v ("[…]") into its items; an indirect
// reference is one item.
func arrayItems(v []byte) ([][]byte, error) {
	i := skipSpace(v, 0)
	if i >= len(v) || v[i] != '[' {
		return nil, fmt.Errorf("%w: not an array", errSyntax)
	}
	i++
	var out [][]byte
	for {
		i = skipSpace(v, i)
		if i >= len(v) {
			return nil, fmt.Errorf("%w: unterminated array", errSyntax)
		}
		if v[i] == ']' {
			return out, nil
		}
		end, err := walkValue(v, i, nil)
		if err != nil {
			return nil, err
		}
		end = skipReference(v, i, end)
		out = append(out, v[i:end])
		i = end
	}
}

// addToCatalog appends entries to the catalog dictionary.
func (f *pdfFile) addToCatalog(root *pdfObject, entries string) error {
	end := bytes.LastIndex(root.value, []byte(">>"))
	if end < 0 {
		return fmt.Errorf("%w: catalog is not a dictionary", errSyntax)
	}
	root.value = slices.Concat(root.value[:end], []byte(entries), root.value[end:])
	return nil
}

// TextString is s as a PDF text string: a literal when it is printable
// ASCII, else UTF-16BE with a byte order mark, in hex.
func TextString(s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7E {
			return utf16Hex(s)
		}
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '(' || c == ')' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, ')')
}
