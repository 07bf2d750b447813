package engine

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"printd/article"
	"printd/fonts"
	"printd/photo"
)

// BenchmarkPrintSeed is the whole engine on the seed article with its photo
// already prepared and cached: decode excluded, layout, render and write.
// The Arabic, Hindi and Chinese fixtures (of about the seed's length) measure
// shaped text once their fonts are loaded.
func BenchmarkPrintSeed(b *testing.B) {
	for _, fx := range []string{"seed-article.json", "ru-article.json", "seed-article.json/archive", "scripts/ar.json", "scripts/hi.json", "scripts/zh-Hans.json"} {
		fx, preset, _ := strings.Cut(fx, ".json/")
		fx = strings.TrimSuffix(fx, ".json") + ".json"
		if preset == "" {
			preset = "web"
		}
		name := fx + "/" + preset // one name is never a prefix of another: -bench 'PrintSeed/seed-article.json/web$' picks one
		b.Run(name, func(b *testing.B) { benchPrint(b, fx, preset) })
	}
}

// BenchmarkPrintScripts is BenchmarkPrintSeed's measure for every script
// fixture, in the web preset: -bench 'PrintScripts/th.json$' picks one.
func BenchmarkPrintScripts(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "scripts", "*.json"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no script fixtures: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		b.Run(name, func(b *testing.B) { benchPrint(b, "scripts/"+name, "web") })
	}
}

// benchPrint prints testdata/fx in the preset, once before the timer to
// load its fonts and prepare its photo, then b.N times.
func benchPrint(b *testing.B, fx, preset string) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", fx))
	if err != nil {
		b.Fatal(err)
	}
	a, err := article.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	a.Options.Preset = preset
	if a.Photo != nil {
		a.Photo.Src = "seed-photo.jpg" // the script fixtures' "../seed-photo.jpg", from testdata
	}
	if _, err := fonts.Embedded(); err != nil {
		b.Fatal(err)
	}
	cfg := photo.DefaultConfig()
	cfg.Fetch.AllowFiles = true
	cfg.Fetch.BaseDir = filepath.Join("..", "testdata")
	p, err := New(Config{Photos: photo.NewStore(cfg)})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Print(context.Background(), a, io.Discard); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Print(context.Background(), a, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
