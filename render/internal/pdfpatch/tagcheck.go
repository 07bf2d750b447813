package pdfpatch

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// CheckTagged reads a finished file and reports the conditions of the
// Matterhorn Protocol (PDF/UA-1's test conditions) that a machine can
// check and that it fails, one sentence each; nil when it passes them:
//   - the catalog has /MarkInfo <</Marked true>>, a /StructTreeRoot, a
//     /Lang, /ViewerPreferences with /DisplayDocTitle true, and metadata
//     with a dc:title (and pdfuaid:part 1 when ua);
//   - every text, picture and path painted is in marked content with an
//     MCID or in an artifact, never the one nested in the other (01-003,
//     01-004, 01-005);
//   - every MCID of a page belongs, through the parent tree, to the
//     structure element whose kids name it, and to exactly one;
//   - every Figure has an /Alt (13-004), every TH a /Scope, every Link an
//     OBJR (28-011), the first heading is H1 and no level is skipped
//     (14-002, 14-003);
//   - every annotation has /Contents and a /StructParent whose element
//     refers to it (28-002, 28-004), and its page has /Tabs /S (28-010).
func CheckTagged(pdf []byte, ua bool) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	f, err := parsePDF(pdf)
	if err != nil {
		return []string{err.Error()}
	}
	root, err := f.ref(f.trailer, "/Root")
	if err != nil || root == nil {
		return []string{"no catalog"}
	}
	lookup := func(o *pdfObject, key string) string {
		if o == nil {
			return ""
		}
		v, _ := dictLookup(o.value, key)
		return string(bytes.TrimSpace(v))
	}
	if mi := lookup(root, "/MarkInfo"); !strings.Contains(strings.Join(strings.Fields(mi), " "), "/Marked true") {
		bad("catalog: no /MarkInfo <</Marked true>> (%q)", mi)
	}
	if l := lookup(root, "/Lang"); l == "" || l == "()" {
		bad("catalog: no /Lang")
	}
	if vp := lookup(root, "/ViewerPreferences"); !strings.Contains(vp, "/DisplayDocTitle true") {
		bad("catalog: /ViewerPreferences without /DisplayDocTitle true (%q)", vp)
	}
	if meta, _ := f.ref(root.value, "/Metadata"); meta == nil {
		bad("catalog: no /Metadata")
	} else {
		if !bytes.Contains(meta.rest, []byte("<dc:title>")) {
			bad("metadata: no dc:title")
		}
		if ua && !bytes.Contains(meta.rest, []byte("<pdfuaid:part>1</pdfuaid:part>")) {
			bad("metadata: no pdfuaid:part 1")
		}
	}
	treeRoot, _ := f.ref(root.value, "/StructTreeRoot")
	if treeRoot == nil {
		return append(problems, "catalog: no /StructTreeRoot")
	}
	pages, err := f.pageList(root)
	if err != nil {
		return append(problems, err.Error())
	}
	pageIndex := map[int]int{}
	for i, p := range pages {
		pageIndex[p.num] = i
	}

	// The structure tree: who owns each marked content and annotation.
	type mc struct{ page, mcid int }
	owner := map[mc]int{}       // MCID → element object
	annotOwner := map[int]int{} // annotation object → Link element
	var headings []string
	var walk func(n, depth int, pg int)
	seen := map[int]bool{}
	walk = func(n, depth int, pg int) {
		o := f.byNum[n]
		if o == nil || seen[n] || depth > 100 {
			bad("structure: element %d missing or repeated", n)
			return
		}
		seen[n] = true
		typ := lookup(o, "/S")
		if p, ok := refNumber([]byte(lookup(o, "/Pg"))); ok {
			pg = pageIndex[p]
		}
		switch {
		case typ == "/Figure":
			if alt := lookup(o, "/Alt"); alt == "" || alt == "()" {
				bad("structure: Figure %d has no /Alt", n)
			}
		case typ == "/TH":
			if !strings.Contains(lookup(o, "/A"), "/Scope") {
				bad("structure: TH %d has no /Scope", n)
			}
		case len(typ) == 3 && typ[:2] == "/H" && typ[2] >= '1' && typ[2] <= '6':
			headings = append(headings, typ[1:])
		}
		kids := []byte(lookup(o, "/K"))
		items := [][]byte{kids}
		if bytes.HasPrefix(kids, []byte("[")) {
			items, _ = arrayItems(kids)
		}
		objr := false
		for _, k := range items {
			k = bytes.TrimSpace(k)
			switch {
			case len(k) == 0:
			case isDigits(k):
				id, _ := strconv.Atoi(string(k))
				if pg < 0 {
					bad("structure: element %d has an MCID without a page", n)
				}
				if prev, dup := owner[mc{pg, id}]; dup {
					bad("structure: MCID %d of page %d in elements %d and %d", id, pg+1, prev, n)
				}
				owner[mc{pg, id}] = n
			case bytes.HasPrefix(k, []byte("<<")):
				typ, _ := dictLookup(k, "/Type")
				switch string(bytes.TrimSpace(typ)) {
				case "/MCR":
					pv, _ := dictLookup(k, "/Pg")
					p, _ := refNumber(pv)
					idv, _ := dictLookup(k, "/MCID")
					id, _ := strconv.Atoi(string(bytes.TrimSpace(idv)))
					owner[mc{pageIndex[p], id}] = n
				case "/OBJR":
					ov, _ := dictLookup(k, "/Obj")
					a, _ := refNumber(ov)
					annotOwner[a] = n
					objr = true
				default:
					bad("structure: element %d has a kid %q", n, k)
				}
			default:
				if c, ok := refNumber(k); ok {
					walk(c, depth+1, pg)
				} else {
					bad("structure: element %d has a kid %q", n, k)
				}
			}
		}
		if typ == "/Link" && !objr {
			bad("structure: Link %d has no OBJR", n)
		}
	}
	if k, ok := refNumber([]byte(lookup(treeRoot, "/K"))); ok {
		walk(k, 0, -1)
	} else {
		bad("structure: the tree root's /K is not one element")
	}
	if len(headings) > 0 && headings[0] != "H1" {
		bad("headings: the first is %s, not H1", headings[0])
	}
	for i := 1; i < len(headings); i++ {
		if headings[i][1] > headings[i-1][1]+1 {
			bad("headings: %s follows %s", headings[i], headings[i-1])
		}
	}

	// The parent tree.
	parentTree := map[int][][]byte{}
	if pt, _ := f.ref(treeRoot.value, "/ParentTree"); pt == nil {
		bad("structure: no /ParentTree")
	} else {
		nums, _ := arrayItems([]byte(lookup(pt, "/Nums")))
		for i := 0; i+1 < len(nums); i += 2 {
			k, _ := strconv.Atoi(string(bytes.TrimSpace(nums[i])))
			v := bytes.TrimSpace(nums[i+1])
			if bytes.HasPrefix(v, []byte("[")) {
				parentTree[k], _ = arrayItems(v)
			} else {
				parentTree[k] = [][]byte{v}
			}
		}
	}

	// The pages: their content and their annotations.
	for pi, p := range pages {
		sp := lookup(p, "/StructParents")
		key, err := strconv.Atoi(sp)
		if err != nil {
			bad("page %d: no /StructParents", pi+1)
		}
		mcids, err := f.markedContent(p, func(s string) { bad("page %d: %s", pi+1, s) })
		if err != nil {
			bad("page %d: %v", pi+1, err)
			continue
		}
		row := parentTree[key]
		for _, id := range mcids {
			el, ok := owner[mc{pi, id}]
			if !ok {
				bad("page %d: MCID %d belongs to no structure element", pi+1, id)
				continue
			}
			if id >= len(row) {
				bad("page %d: MCID %d not in the parent tree", pi+1, id)
			} else if n, _ := refNumber(row[id]); n != el {
				bad("page %d: the parent tree gives MCID %d to %d, the structure to %d", pi+1, id, n, el)
			}
		}
		for k := range owner {
			if k.page == pi && !slices.Contains(mcids, k.mcid) {
				bad("page %d: the structure names MCID %d, which the page has not", pi+1, k.mcid)
			}
		}
		annots, _ := arrayItems([]byte(lookup(p, "/Annots")))
		if len(annots) > 0 && lookup(p, "/Tabs") != "/S" {
			bad("page %d: annotations without /Tabs /S", pi+1)
		}
		for _, a := range annots {
			n, ok := refNumber(a)
			if !ok {
				bad("page %d: an annotation is not an object of its own", pi+1)
				continue
			}
			ao := f.byNum[n]
			if c := lookup(ao, "/Contents"); c == "" || c == "()" {
				bad("page %d: annotation %d has no /Contents", pi+1, n)
			}
			sp, err := strconv.Atoi(lookup(ao, "/StructParent"))
			if err != nil {
				bad("page %d: annotation %d has no /StructParent", pi+1, n)
				continue
			}
			el := parentTree[sp]
			if len(el) != 1 {
				bad("page %d: annotation %d: no parent tree entry %d", pi+1, n, sp)
				continue
			}
			if e, _ := refNumber(el[0]); annotOwner[n] != e || e == 0 {
				bad("page %d: annotation %d: the parent tree gives %d, the structure %d", pi+1, n, e, annotOwner[n])
			}
		}
	}
	return problems
}

// painting lists the operators that paint: text, external objects and
// inline images, paths, shadings.
var painting = map[string]bool{"Tj": true, "TJ": true, "'": true, "\"": true, "Do": true, "BI": true, "sh": true,
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true}

// markedContent walks a page's content and returns its MCIDs in order,
// calling bad for anything painted outside marked content with an MCID
// or an artifact, and for the one nested in the other.
func (f *pdfFile) markedContent(page *pdfObject, bad func(string)) ([]int, error) {
	co, err := f.ref(page.value, "/Contents")
	if err != nil || co == nil {
		return nil, fmt.Errorf("no /Contents (%v)", err)
	}
	start, n, err := co.streamData()
	if err != nil {
		return nil, err
	}
	data := co.rest[start : start+n]
	if filt, _ := dictLookup(co.value, "/Filter"); bytes.Contains(filt, []byte("/FlateDecode")) {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	}
	type open struct{ mcid, artifact bool }
	var stack []open
	var mcids []int
	inMCID, inArtifact := 0, 0
	var operands [][]byte
	for i := 0; i < len(data); {
		i = skipSpace(data, i)
		if i >= len(data) {
			break
		}
		c := data[i]
		if c == '/' || c == '(' || c == '<' || c == '[' || c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
			end, err := walkValue(data, i, nil)
			if err != nil {
				return nil, err
			}
			operands = append(operands, data[i:end])
			i = end
			continue
		}
		j := i
		for j < len(data) && !isPDFSpace(data[j]) && !isPDFDelim(data[j]) {
			j++
		}
		if j == i {
			return nil, fmt.Errorf("%w: stray %q in content", errSyntax, c)
		}
		op := string(data[i:j])
		i = j
		switch op {
		case "BMC", "BDC":
			o := open{}
			if len(operands) > 0 && string(operands[0]) == "/Artifact" {
				o.artifact = true
				if inMCID > 0 {
					bad("an artifact inside tagged content")
				}
			} else if op == "BDC" && len(operands) == 2 {
				if v, _ := dictLookup(operands[1], "/MCID"); v != nil {
					id, _ := strconv.Atoi(string(bytes.TrimSpace(v)))
					o.mcid = true
					mcids = append(mcids, id)
					if inArtifact > 0 {
						bad(fmt.Sprintf("tagged content (MCID %d) inside an artifact", id))
					}
					if inMCID > 0 {
						bad(fmt.Sprintf("MCID %d inside another", id))
					}
				}
			}
			if o.mcid {
				inMCID++
			}
			if o.artifact {
				inArtifact++
			}
			stack = append(stack, o)
		case "EMC":
			if len(stack) == 0 {
				return nil, fmt.Errorf("%w: EMC without BDC", errSyntax)
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.mcid {
				inMCID--
			}
			if o.artifact {
				inArtifact--
			}
		default:
			if painting[op] && inMCID == 0 && inArtifact == 0 {
				bad(fmt.Sprintf("%s paints outside marked content and artifacts", op))
			}
		}
		operands = operands[:0]
	}
	if len(stack) > 0 {
		bad("marked content left open")
	}
	return mcids, nil
}
