package segment

import (
	"slices"
	"unicode/utf8"
)

// trie is a rune trie over a sorted word list: node 0 is the root; the
// edges of a node are contiguous and sorted by rune.
type trie struct {
	nodes []trieNode
	edges []trieEdge
}

type trieNode struct {
	first int32  // index of the node's first edge
	n     uint16 // number of edges
	word  bool   // the path to this node spells a word
}

type trieEdge struct {
	r     rune
	child int32
}

// buildTrie builds the trie of words, which must be sorted and unique.
func buildTrie(words []string) *trie {
	t := &trie{}
	t.nodes = append(t.nodes, trieNode{})
	t.fill(0, words, 0)
	return t
}

// fill gives node the children that the words (all sharing their first
// depth bytes, the node's path) continue with.
func (t *trie) fill(node int32, words []string, depth int) {
	if len(words) > 0 && len(words[0]) == depth {
		t.nodes[node].word = true
		words = words[1:]
	}
	if len(words) == 0 {
		return
	}
	// group the words by the rune at depth; groups are contiguous
	type group struct {
		r      rune
		lo, hi int
		w      int
	}
	var groups []group
	for i := 0; i < len(words); {
		r, w := utf8.DecodeRuneInString(words[i][depth:])
		j := i + 1
		for j < len(words) && len(words[j]) >= depth+w && words[j][depth:depth+w] == words[i][depth:depth+w] {
			j++
		}
		groups = append(groups, group{r, i, j, w})
		i = j
	}
	first := int32(len(t.edges))
	t.nodes[node].first, t.nodes[node].n = first, uint16(len(groups))
	for _, g := range groups {
		t.nodes = append(t.nodes, trieNode{})
		t.edges = append(t.edges, trieEdge{g.r, int32(len(t.nodes) - 1)})
	}
	for k, g := range groups {
		t.fill(t.edges[first+int32(k)].child, words[g.lo:g.hi], depth+g.w)
	}
}

// child returns the node reached from node by r, or -1.
func (t *trie) child(node int32, r rune) int32 {
	nd := t.nodes[node]
	es := t.edges[nd.first : nd.first+int32(nd.n)]
	if len(es) <= 8 {
		for _, e := range es {
			if e.r == r {
				return e.child
			}
		}
		return -1
	}
	i, ok := slices.BinarySearchFunc(es, r, func(e trieEdge, r rune) int { return int(e.r - r) })
	if !ok {
		return -1
	}
	return es[i].child
}
