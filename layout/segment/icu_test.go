package segment

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// icuBoundaries returns ICU's word boundaries of text (byte offsets), from
// Debian's python3-icu; the test is skipped without it unless
// PRINTD_REQUIRE_TOOLS=1.
func icuBoundaries(t *testing.T, lang, mode, text string) map[int]bool {
	t.Helper()
	var py string
	err := exec.ErrNotFound
	for _, cand := range []string{"python3", "/usr/bin/python3"} {
		if p, lerr := exec.LookPath(cand); lerr == nil {
			if err = exec.Command(p, "-c", "import icu").Run(); err == nil {
				py = p
				break
			}
		}
	}
	if py == "" {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") == "1" {
			t.Fatalf("python3 with ICU (python3-icu) is required: %v", err)
		}
		t.Skip("python3-icu not installed")
	}
	cmd := exec.Command(py, "testdata/icu_words.py", lang, mode)
	cmd.Stdin = strings.NewReader(text)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	m := map[int]bool{}
	for _, f := range bytes.Fields(out) {
		n, err := strconv.Atoi(string(f))
		if err != nil {
			t.Fatal(err)
		}
		m[n] = true
	}
	return m
}

// TestAgainstICU: every break Breaks finds inside the words of Thai, Lao,
// Khmer and Burmese text is a word boundary for ICU's BreakIterator, and in
// Japanese a line-break opportunity of ICU's strict line breaking; most of
// ICU's boundaries are found.
func TestAgainstICU(t *testing.T) {
	for _, lang := range []string{"th", "lo", "km", "my", "ja"} {
		src, err := os.ReadFile("testdata/udhr-" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		mode := "word"
		if lang == "ja" {
			mode = "line"
			lang = "ja@lb=strict"
		}
		icu := icuBoundaries(t, lang, mode, text)
		ours, agree, inside := 0, 0, 0
		var bad []string
		// the caller breaks at spaces; Breaks sees the text between them
		start := -1
		for i, r := range text + " " {
			if !unicode.IsSpace(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start < 0 {
				continue
			}
			word := text[start:i]
			for _, b := range Breaks(word, lang) {
				ours++
				if icu[start+b.Off] {
					agree++
				} else if len(bad) < 8 {
					bad = append(bad, word[:b.Off]+"|"+word[b.Off:])
				}
			}
			for off := range icu {
				if off > start && off < i {
					inside++
				}
			}
			start = -1
		}
		t.Logf("%s: %d breaks, %d on ICU word boundaries; ICU has %d boundaries inside the space-separated runs", lang, ours, agree, inside)
		if agree != ours || 10*agree < 8*inside {
			t.Errorf("%s: %d breaks are not ICU word boundaries, e.g. %q", lang, ours-agree, bad)
		}
	}
}
