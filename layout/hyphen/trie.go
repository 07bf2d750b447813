package hyphen

// point is one non-zero Liang value of a pattern: val applies at byte
// offset off of the pattern's letters (0 is before the first letter).
type point struct {
	off, val uint8
}

// trie is a compact, read-only byte trie of patterns. Node 0 is the root;
// no edge leads back to it, so 0 doubles as "no such node". The edges of
// node n are label[first[n]:first[n+1]] with targets kid[...]; its values
// are vals[vfirst[n]:vfirst[n+1]].
type trie struct {
	root   [256]int32
	first  []int32
	label  []byte
	kid    []int32
	vfirst []int32
	vals   []point
}

// next follows the edge of node n labelled b, or returns 0.
func (t *trie) next(n int32, b byte) int32 {
	for e := t.first[n]; e < t.first[n+1]; e++ {
		if t.label[e] == b {
			return t.kid[e]
		}
	}
	return 0
}

// match applies every pattern found in word to levels, keeping the maximum
// value per byte offset. word is the lower-cased word framed by '.'; levels
// must have len(word)+1 zeroed entries. Matches start only on UTF-8 rune
// starts, so values land on rune boundaries.
func (t *trie) match(word []byte, levels []uint8) {
	for i := 0; i < len(word); i++ {
		if word[i]&0xC0 == 0x80 {
			continue
		}
		n := t.root[word[i]]
		for j := i + 1; n != 0; j++ {
			for _, p := range t.vals[t.vfirst[n]:t.vfirst[n+1]] {
				if o := i + int(p.off); p.val > levels[o] {
					levels[o] = p.val
				}
			}
			if j == len(word) {
				break
			}
			n = t.next(n, word[j])
		}
	}
}

// trieBuilder collects patterns before they are frozen into a trie.
type trieBuilder struct {
	nodes []builderNode
	edges int
	vals  int
}

type builderNode struct {
	label []byte
	kid   []int32
	vals  []point
}

func newTrieBuilder() *trieBuilder {
	return &trieBuilder{nodes: make([]builderNode, 1, 1024)}
}

// add inserts a pattern; a repeated pattern keeps the higher value at each
// offset.
func (b *trieBuilder) add(letters []byte, vals []point) {
	n := int32(0)
	for _, c := range letters {
		k := int32(0)
		node := &b.nodes[n]
		for e, l := range node.label {
			if l == c {
				k = node.kid[e]
				break
			}
		}
		if k == 0 {
			k = int32(len(b.nodes))
			node.label = append(node.label, c)
			node.kid = append(node.kid, k)
			b.nodes = append(b.nodes, builderNode{})
			b.edges++
		}
		n = k
	}
	node := &b.nodes[n]
	for _, v := range vals {
		merged := false
		for i := range node.vals {
			if node.vals[i].off == v.off {
				node.vals[i].val = max(node.vals[i].val, v.val)
				merged = true
				break
			}
		}
		if !merged {
			node.vals = append(node.vals, v)
			b.vals++
		}
	}
}

// build freezes the collected patterns.
func (b *trieBuilder) build() *trie {
	t := &trie{
		first:  make([]int32, 0, len(b.nodes)+1),
		label:  make([]byte, 0, b.edges),
		kid:    make([]int32, 0, b.edges),
		vfirst: make([]int32, 0, len(b.nodes)+1),
		vals:   make([]point, 0, b.vals),
	}
	for _, n := range b.nodes {
		t.first = append(t.first, int32(len(t.label)))
		t.label = append(t.label, n.label...)
		t.kid = append(t.kid, n.kid...)
		t.vfirst = append(t.vfirst, int32(len(t.vals)))
		t.vals = append(t.vals, n.vals...)
	}
	t.first = append(t.first, int32(len(t.label)))
	t.vfirst = append(t.vfirst, int32(len(t.vals)))
	root := b.nodes[0]
	for e, l := range root.label {
		t.root[l] = root.kid[e]
	}
	return t
}
