package shaping

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/go-text/typesetting/font"
)

// hbCase is one text shaped by hb-shape and by Shape with the same font,
// direction, script and language.
type hbCase struct {
	font   string // file under the system's Noto directories
	index  int
	text   string
	rtl    bool
	script string // ISO 15924, as hb-shape takes it
	lang   string
}

var hbCases = []hbCase{
	{"truetype/noto/NotoNaskhArabic-Regular.ttf", 0, "لا إله إلا الله، مرحبًا بالعالم", true, "Arab", "ar"},
	{"truetype/noto/NotoNaskhArabic-Regular.ttf", 0, "پژوهشگران ایرانی گزارش دادند", true, "Arab", "fa"},
	{"truetype/noto/NotoSerifHebrew-Regular.ttf", 0, "שָׁלוֹם עוֹלָם, ירושלים", true, "Hebr", "he"},
	{"truetype/noto/NotoSerifDevanagari-Regular.ttf", 0, "पत्नी सहित क्षत्रिय हिन्दी", false, "Deva", "hi"},
	{"truetype/noto/NotoSerifBengali-Regular.ttf", 0, "বাংলাদেশের রাজধানী ক্ষমতা", false, "Beng", "bn"},
	{"truetype/noto/NotoSerifTamil-Regular.ttf", 0, "தமிழ்நாடு கொண்டு போகிறது", false, "Taml", "ta"},
	{"truetype/noto/NotoSerifThai-Regular.ttf", 0, "ประเทศไทยที่น่าอยู่", false, "Thai", "th"},
	{"truetype/noto/NotoSerifMyanmar-Regular.ttf", 0, "မြန်မာနိုင်ငံ သတင်း", false, "Mymr", "my"},
	{"opentype/noto/NotoSerifCJK-Regular.ttc", 0, "日本語の新聞、東京。", false, "Hani", "ja"},
	{"opentype/noto/NotoSansCJK-Regular.ttc", 1, "한국어 신문 서울", false, "Hang", "ko"},
	{"truetype/noto/NotoSerif-Regular.ttf", 0, "office affluent AVATAR", false, "Latn", "en"},
}

// fontFile returns the bytes of a system font, skipping when absent unless
// the tools are required.
func fontFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("/usr/share/fonts", rel))
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") == "1" {
			t.Fatalf("font %s: %v (install fonts-noto-core fonts-noto-cjk)", rel, err)
		}
		t.Skipf("font %s not installed: %v", rel, err)
	}
	return b
}

type hbGlyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
	Ax int `json:"ax"`
}

// TestShapeMatchesHBShape checks glyph IDs, clusters, advances and offsets
// against HarfBuzz's own hb-shape (Debian's libharfbuzz-bin).
func TestShapeMatchesHBShape(t *testing.T) {
	hb, err := exec.LookPath("hb-shape")
	if err != nil {
		if os.Getenv("PRINTD_REQUIRE_TOOLS") == "1" {
			t.Fatal("hb-shape not installed (libharfbuzz-bin)")
		}
		t.Skip("hb-shape not installed")
	}
	for _, c := range hbCases {
		t.Run(c.lang+"/"+c.script, func(t *testing.T) {
			data := fontFile(t, c.font)
			f, err := Load(data, c.index)
			if err != nil {
				t.Fatal(err)
			}
			dir := "ltr"
			if c.rtl {
				dir = "rtl"
			}
			args := []string{"--no-glyph-names", "--output-format=json", "--direction=" + dir, "--script=" + c.script,
				"--language=" + c.lang, "--face-index=" + itoa(c.index), filepath.Join("/usr/share/fonts", c.font), c.text}
			out, err := exec.Command(hb, args...).Output()
			if err != nil {
				t.Fatalf("hb-shape: %v", err)
			}
			var want []hbGlyph
			if err := json.Unmarshal(out, &want); err != nil {
				t.Fatalf("hb-shape output %q: %v", out, err)
			}
			sc, err := ParseScript(c.script)
			if err != nil {
				t.Fatal(err)
			}
			got := f.Shape([]rune(c.text), Props{RTL: c.rtl, Script: sc, Lang: Language(c.lang)}, nil)
			if len(got) != len(want) {
				t.Fatalf("%d glyphs, hb-shape has %d:\n got %v\nwant %v", len(got), len(want), got, want)
			}
			for i, g := range got {
				w := want[i]
				if int(g.ID) != w.G || g.Cluster != w.Cl || int(g.Advance) != w.Ax || int(g.XOff) != w.Dx || int(g.YOff) != w.Dy {
					t.Errorf("glyph %d: got id %d cl %d ax %d off %d,%d; hb-shape id %d cl %d ax %d off %d,%d",
						i, g.ID, g.Cluster, g.Advance, g.XOff, g.YOff, w.G, w.Cl, w.Ax, w.Dx, w.Dy)
				}
			}
		})
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestShapeConcurrent shapes with one font from many goroutines (run with
// -race): each call borrows its own shaper.
func TestShapeConcurrent(t *testing.T) {
	f, err := Load(fontFile(t, "truetype/noto/NotoNaskhArabic-Regular.ttf"), 0)
	if err != nil {
		t.Fatal(err)
	}
	text := []rune("مرحبا بالعالم")
	want := f.Shape(text, Props{RTL: true}, nil)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				got := f.Shape(text, Props{RTL: true}, nil)
				if len(got) != len(want) || got[0] != want[0] {
					t.Error("shaping differs between goroutines")
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestGlyphAdvanceMatchesHarfBuzz checks the advances GlyphAdvance reads
// from hmtx against HarfBuzz's for every glyph of the test fonts (and one
// past their count).
func TestGlyphAdvanceMatchesHarfBuzz(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range hbCases {
		if seen[c.font] {
			continue
		}
		seen[c.font] = true
		f, err := Load(fontFile(t, c.font), c.index)
		if err != nil {
			t.Fatal(err)
		}
		if f.hmtx == nil {
			t.Fatalf("%s: hmtx not read", c.font)
		}
		sh := f.get()
		for g := 0; g <= f.NumGlyphs() && g <= 0xFFFF; g++ {
			want := int(sh.hb.GlyphHAdvance(font.GID(g)))
			if got := f.GlyphAdvance(uint16(g)); got != want {
				t.Fatalf("%s glyph %d: advance %d, HarfBuzz %d", c.font, g, got, want)
			}
		}
		f.put(sh)
	}
}
