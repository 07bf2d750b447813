package photo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"printd/internal/jpegmeta"
	"testing"
)

// exifSegment builds an APP1 Exif segment whose IFD0 holds a Make tag
// followed by the Orientation tag.
func exifSegment(order binary.AppendByteOrder, orientation uint16) []byte {
	var tiff []byte
	if order == binary.LittleEndian {
		tiff = append(tiff, "II"...)
	} else {
		tiff = append(tiff, "MM"...)
	}
	tiff = order.AppendUint16(tiff, 42)
	tiff = order.AppendUint32(tiff, 8) // IFD0 right after the header
	tiff = order.AppendUint16(tiff, 2) // two entries
	// Make (0x010F), ASCII, 4 bytes inline.
	tiff = order.AppendUint16(tiff, 0x010F)
	tiff = order.AppendUint16(tiff, 2)
	tiff = order.AppendUint32(tiff, 4)
	tiff = append(tiff, "Cam\x00"...)
	// Orientation (0x0112), SHORT, count 1, left-justified.
	tiff = order.AppendUint16(tiff, 0x0112)
	tiff = order.AppendUint16(tiff, 3)
	tiff = order.AppendUint32(tiff, 1)
	tiff = order.AppendUint16(tiff, orientation)
	tiff = order.AppendUint16(tiff, 0)
	tiff = order.AppendUint32(tiff, 0) // no next IFD

	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(payload)+2))
	return append(seg, payload...)
}

// withExif inserts segment right after the SOI marker of jpg.
func withExif(jpg, segment []byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, segment...)
	return append(out, jpg[2:]...)
}

func TestScanJPEG(t *testing.T) {
	base := testJPEG(t, 16, 16)
	xmp := []byte{0xFF, 0xE1, 0x00, 0x0C}
	xmp = append(xmp, "http://ns\x00"...)
	tests := []struct {
		name     string
		data     []byte
		want     int
		baseline bool
	}{
		{"no exif", base, 1, true},
		{"big-endian 6", withExif(base, exifSegment(binary.BigEndian, 6)), 6, true},
		{"little-endian 8", withExif(base, exifSegment(binary.LittleEndian, 8)), 8, true},
		{"after XMP APP1", withExif(base, append(xmp, exifSegment(binary.LittleEndian, 3)...)), 3, true},
		{"after fill bytes", withExif(base, append([]byte{0xFF, 0xFF}, exifSegment(binary.BigEndian, 5)...)), 5, true},
		{"out of range 9", withExif(base, exifSegment(binary.BigEndian, 9)), 1, true},
		{"zero", withExif(base, exifSegment(binary.BigEndian, 0)), 1, true},
		{"segment length past end", withExif(base, []byte{0xFF, 0xE1, 0xFF, 0xFF, 'E'}), 1, false},
		{"bad TIFF magic", withExif(base, bytes.Replace(exifSegment(binary.BigEndian, 6), []byte{0, 42}, []byte{0, 43}, 1)), 1, true},
		{"progressive frame", bytes.Replace(base, []byte{0xFF, 0xC0}, []byte{0xFF, 0xC2}, 1), 1, false},
		{"not jpeg", []byte("GIF89a"), 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := jpegmeta.Scan(tt.data)
			if got.Orientation != tt.want || got.Baseline() != tt.baseline {
				t.Fatalf("jpegmeta.Scan = %+v, want orientation %d baseline %v", got, tt.want, tt.baseline)
			}
		})
	}
}

// storedToDisplayed maps a stored pixel to where it is shown under an EXIF
// orientation, written from the spec's "row 0 / column 0" table.
func storedToDisplayed(o, sx, sy, ws, hs int) (int, int) {
	switch o {
	case 2: // row 0 top, column 0 right
		return ws - 1 - sx, sy
	case 3: // row 0 bottom, column 0 right
		return ws - 1 - sx, hs - 1 - sy
	case 4: // row 0 bottom, column 0 left
		return sx, hs - 1 - sy
	case 5: // row 0 left, column 0 top
		return sy, sx
	case 6: // row 0 right, column 0 top
		return hs - 1 - sy, sx
	case 7: // row 0 right, column 0 bottom
		return hs - 1 - sy, ws - 1 - sx
	case 8: // row 0 left, column 0 bottom
		return sy, ws - 1 - sx
	default:
		return sx, sy
	}
}

// orientedJPEG stores the upright quadrant picture (w×h as displayed) so
// that it displays correctly under orientation o.
func orientedJPEG(tb testing.TB, o, w, h int, order binary.AppendByteOrder) []byte {
	tb.Helper()
	ws, hs := w, h
	if o >= 5 {
		ws, hs = h, w
	}
	stored := image.NewRGBA(image.Rect(0, 0, ws, hs))
	for sy := range hs {
		for sx := range ws {
			dx, dy := storedToDisplayed(o, sx, sy, ws, hs)
			stored.Set(sx, sy, quadrantColor(dx, dy, w, h))
		}
	}
	return withExif(encodeJPEG(tb, stored, 95), exifSegment(order, uint16(o)))
}

func TestOrientation(t *testing.T) {
	const w, h = 64, 32 // displayed size
	for _, order := range []binary.AppendByteOrder{binary.BigEndian, binary.LittleEndian} {
		for o := 1; o <= 8; o++ {
			for _, maxW := range []int{0, 32} {
				t.Run(fmt.Sprintf("%v/%d/maxW=%d", order, o, maxW), func(t *testing.T) {
					data := orientedJPEG(t, o, w, h, order)
					info, err := Inspect(data, 0)
					if err != nil {
						t.Fatal(err)
					}
					if info.Width != w || info.Height != h || info.Orientation != o {
						t.Fatalf("Inspect = %+v, want %d×%d orientation %d", info, w, h, o)
					}
					p, err := Prepare(data, info, Target{MaxW: maxW, Quality: 95})
					if err != nil {
						t.Fatal(err)
					}
					wantW, wantH := w, h
					if maxW > 0 {
						wantW, wantH = maxW, h*maxW/w
					}
					if p.Width != wantW || p.Height != wantH || p.SourceWidth != w || p.SourceHeight != h {
						t.Fatalf("Prepared %d×%d from %d×%d, want %d×%d from %d×%d", p.Width, p.Height, p.SourceWidth, p.SourceHeight, wantW, wantH, w, h)
					}
					if wantPass := o == 1 && maxW == 0; p.PassedThrough != wantPass {
						t.Fatalf("PassedThrough = %v, want %v", p.PassedThrough, wantPass)
					}
					img, err := jpeg.Decode(bytes.NewReader(p.Data))
					if err != nil {
						t.Fatal(err)
					}
					if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
						t.Fatalf("output JPEG is %v", b)
					}
					// Sample a point inside each quadrant, away from edges.
					qx, qy := wantW/4, wantH/4
					points := []struct {
						x, y int
						name string
						want color.RGBA
					}{
						{qx, qy, "red", red},
						{wantW - 1 - qx, qy, "green", green},
						{qx, wantH - 1 - qy, "blue", blue},
						{wantW - 1 - qx, wantH - 1 - qy, "yellow", yellow},
					}
					for _, pt := range points {
						if got := img.At(pt.x, pt.y); !near(got, pt.want, 40) {
							t.Errorf("pixel (%d,%d) = %v, want %s", pt.x, pt.y, got, pt.name)
						}
					}
				})
			}
		}
	}
}

func FuzzScanJPEG(f *testing.F) {
	f.Add(withExif([]byte{0xFF, 0xD8, 0xFF, 0xD9}, exifSegment(binary.BigEndian, 6)))
	f.Add(withExif([]byte{0xFF, 0xD8, 0xFF, 0xD9}, exifSegment(binary.LittleEndian, 7)))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, data []byte) {
		got := jpegmeta.Scan(data)
		if got.Orientation < 1 || got.Orientation > 8 {
			t.Fatalf("orientation %d", got.Orientation)
		}
	})
}
