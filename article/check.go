package article

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// checker walks the parsed JSON and collects problems. One checker serves
// one decode call.
type checker struct {
	lim      Limits
	strict   bool
	problems []Problem
	warnings []string
	runes    int  // characters taken from the input so far
	overRun  bool // the MaxRunes problem has been reported
}

func (c *checker) add(path, format string, args ...any) {
	c.problems = append(c.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

func member(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// object checks that n is an object. In strict mode it also reports members
// other than the known ones.
func (c *checker) object(n *node, path string, known ...string) bool {
	if n.kind != jsonObject {
		c.add(path, "must be an object")
		return false
	}
	if !c.strict {
		return true
	}
	seen := make(map[string]bool, len(n.keys))
outer:
	for _, k := range n.keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		for _, want := range known {
			if k == want {
				continue outer
			}
		}
		c.add(member(path, k), "unknown field")
	}
	return true
}

// str returns a string member's raw value. Missing or null gives ok=false
// without a problem; other kinds, invalid Unicode and oversized strings are
// reported and give ok=false.
func (c *checker) str(n *node, path string) (string, bool) {
	if n.absent() {
		return "", false
	}
	if n.kind != jsonString {
		c.add(path, "must be a string")
		return "", false
	}
	if n.bad != "" {
		c.add(path, "%s", n.bad)
		return "", false
	}
	if len(n.text) > c.lim.MaxFieldBytes {
		c.add(path, "longer than %d bytes", c.lim.MaxFieldBytes)
		return "", false
	}
	c.runes += utf8.RuneCountInString(n.text)
	if c.runes > c.lim.MaxRunes && !c.overRun {
		c.overRun = true
		c.add(path, "article text exceeds %d characters", c.lim.MaxRunes)
	}
	return n.text, true
}

// text returns a plain-text member, normalised.
func (c *checker) text(n *node, path string) string {
	s, _ := c.str(n, path)
	return CleanText(s)
}

// number returns a numeric member; ok=false when absent or wrong.
func (c *checker) number(n *node, path string) (float64, bool) {
	if n.absent() {
		return 0, false
	}
	if n.kind != jsonNumber {
		c.add(path, "must be a number")
		return 0, false
	}
	v, err := strconv.ParseFloat(n.text, 64)
	if err != nil || math.IsInf(v, 0) {
		c.add(path, "number out of range")
		return 0, false
	}
	return v, true
}

// integer returns an integral member within [lo, hi]; rangeMsg is reported
// when the value falls outside.
func (c *checker) integer(n *node, path string, lo, hi int, rangeMsg string) (int, bool) {
	v, ok := c.number(n, path)
	if !ok {
		return 0, false
	}
	if v < float64(lo) || v > float64(hi) {
		c.add(path, "%s", rangeMsg)
		return 0, false
	}
	if v != math.Trunc(v) {
		c.add(path, "must be a whole number")
		return 0, false
	}
	return int(v), true
}

// boolean returns a bool member; ok=false when absent or wrong.
func (c *checker) boolean(n *node, path string) (bool, bool) {
	if n.absent() {
		return false, false
	}
	if n.kind != jsonBool {
		c.add(path, "must be true or false")
		return false, false
	}
	return n.flag, true
}
