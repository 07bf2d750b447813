package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"printd/internal/jpegmeta"

	"github.com/disintegration/imaging"
)

// Prepared is a photo ready for the PDF writer: always JPEG.
type Prepared struct {
	// Data is a baseline JPEG, or the untouched source JPEG when
	// PassedThrough. It may share memory with the input or with other
	// callers (Store); treat it as read-only.
	Data          []byte
	Width, Height int // pixels of Data
	// SourceWidth and SourceHeight are the source's display size (after
	// EXIF orientation).
	SourceWidth, SourceHeight int
	PassedThrough             bool
}

// Target is what a photo is prepared for: the largest pixel size, the JPEG
// quality and whether to print it in shades of grey.
type Target struct {
	MaxW, MaxH int
	Quality    int
	Gray       bool
}

// Prepare turns data, described by info from Inspect, into a JPEG no larger
// than t.MaxW×t.MaxH pixels (≤ 0 leaves that axis unbounded), keeping the
// aspect ratio. It decodes once, applies the EXIF orientation, downsamples
// when needed, flattens transparency onto white and encodes a baseline JPEG
// at t.Quality (≤ 0 means DefaultQuality), one-channel for a grey target.
// A baseline JPEG in YCbCr or gray that needs no change is returned
// byte-for-byte with PassedThrough set.
func Prepare(data []byte, info Info, t Target) (*Prepared, error) {
	p, err := prepare(data, info, t.MaxW, t.MaxH, t.Quality, t.Gray)
	if err != nil {
		return nil, fmt.Errorf("prepare %s photo: %w", info.Format, err)
	}
	return p, nil
}

func prepare(data []byte, info Info, maxW, maxH, quality int, gray bool) (*Prepared, error) {
	quality = normalizeQuality(quality)
	format, err := sniff(data)
	if err != nil {
		return nil, err
	}
	cfg, err := decodeConfig(format, data)
	if err != nil {
		return nil, err
	}
	orientation := info.Orientation
	if orientation < 1 || orientation > 8 {
		orientation = 1
	}
	srcW, srcH := cfg.Width, cfg.Height
	if swapsAxes(orientation) {
		srcW, srcH = srcH, srcW
	}
	// Info gates the pixel cap, so it must describe these very bytes.
	if format != info.Format || srcW != info.Width || srcH != info.Height {
		return nil, errors.New("info does not describe the data (call Inspect on the same bytes)")
	}

	w, h := fitWithin(srcW, srcH, maxW, maxH)
	out := &Prepared{Width: w, Height: h, SourceWidth: srcW, SourceHeight: srcH}
	if format == FormatJPEG && orientation == 1 && w == srcW && h == srcH &&
		((cfg.ColorModel == color.YCbCrModel && !gray) || cfg.ColorModel == color.GrayModel) &&
		jpegmeta.Scan(data).Baseline() {
		out.Data, out.PassedThrough = data, true
		return out, nil
	}

	img, err := decodeImage(format, data)
	if err != nil {
		return nil, err
	}
	img = onFullCanvas(img, cfg.Width, cfg.Height)
	// Resample in stored orientation, then turn the (smaller) result.
	rw, rh := w, h
	if swapsAxes(orientation) {
		rw, rh = h, w
	}
	if rw != cfg.Width || rh != cfg.Height {
		// Lanczos keeps fine detail (hair, type within photos) sharper than
		// CatmullRom at a modest cost; see BenchmarkPrepareSeed.
		img = imaging.Resize(img, rw, rh, imaging.Lanczos)
	}
	img = orient(img, orientation)
	img = opaque(img)
	if gray {
		g := image.NewGray(img.Bounds())
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
		img = g
	}

	var buf bytes.Buffer
	buf.Grow(w * h / 4)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("encode jpeg: %w", err)
	}
	out.Data = buf.Bytes()
	return out, nil
}

func normalizeQuality(q int) int {
	switch {
	case q <= 0:
		return DefaultQuality
	case q > 100:
		return 100
	default:
		return q
	}
}

// fitWithin scales w×h down, keeping the aspect ratio, to fit maxW×maxH
// (a bound ≤ 0 is ignored). It never scales up.
func fitWithin(w, h, maxW, maxH int) (int, int) {
	scale := 1.0
	if maxW > 0 && w > maxW {
		scale = min(scale, float64(maxW)/float64(w))
	}
	if maxH > 0 && h > maxH {
		scale = min(scale, float64(maxH)/float64(h))
	}
	if scale >= 1 {
		return w, h
	}
	fw := max(1, int(math.Round(float64(w)*scale)))
	fh := max(1, int(math.Round(float64(h)*scale)))
	if maxW > 0 {
		fw = min(fw, maxW)
	}
	if maxH > 0 {
		fh = min(fh, maxH)
	}
	return fw, fh
}

// onFullCanvas places a decoded image whose bounds are not the declared
// canvas (a GIF whose first frame covers part of the screen) on a
// transparent canvas of the declared size.
func onFullCanvas(img image.Image, w, h int) image.Image {
	canvas := image.Rect(0, 0, w, h)
	if img.Bounds() == canvas {
		return img
	}
	dst := image.NewNRGBA(canvas)
	draw.Draw(dst, img.Bounds(), img, img.Bounds().Min, draw.Src)
	return dst
}

// orient applies an EXIF orientation so the result displays upright.
func orient(img image.Image, orientation int) image.Image {
	switch orientation {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img) // 90° clockwise
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img) // 90° counter-clockwise
	default:
		return img
	}
}

// opaque returns img in a form the JPEG encoder handles quickly, with any
// transparency composited onto white. Images produced by this package are
// modified in place.
func opaque(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.YCbCr, *image.Gray:
		return m
	case *image.NRGBA:
		return flattenNRGBA(m)
	default:
		return flattenNRGBA(imaging.Clone(img))
	}
}

// flattenNRGBA composites m onto white in place and returns the same pixels
// as an *image.RGBA (identical to NRGBA once every pixel is opaque), which
// the JPEG encoder converts without per-pixel interface calls.
func flattenNRGBA(m *image.NRGBA) *image.RGBA {
	b := m.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := m.PixOffset(b.Min.X, y)
		row := m.Pix[i : i+4*b.Dx()]
		for j := 0; j < len(row); j += 4 {
			a := uint32(row[j+3])
			if a == 0xFF {
				continue
			}
			bg := 0xFF * (0xFF - a)
			row[j] = uint8((uint32(row[j])*a + bg + 0x7F) / 0xFF)
			row[j+1] = uint8((uint32(row[j+1])*a + bg + 0x7F) / 0xFF)
			row[j+2] = uint8((uint32(row[j+2])*a + bg + 0x7F) / 0xFF)
			row[j+3] = 0xFF
		}
	}
	return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
}
