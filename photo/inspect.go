package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"printd/internal/jpegmeta"

	"golang.org/x/image/webp"
)

// Image formats reported in Info.Format.
const (
	FormatJPEG = "jpeg"
	FormatPNG  = "png"
	FormatGIF  = "gif"
	FormatWebP = "webp"
)

// Info describes a photo as read from its header.
type Info struct {
	Width, Height int    // display size, after EXIF orientation
	Format        string // FormatJPEG, FormatPNG, FormatGIF or FormatWebP
	Orientation   int    // EXIF orientation 1..8; 1 when absent
}

// Inspect identifies data by its magic bytes, reads the dimensions from the
// header only, refuses images over maxPixels (≤ 0 means DefaultMaxPixels)
// before anything is decoded, and reads the EXIF orientation of JPEGs.
func Inspect(data []byte, maxPixels int64) (Info, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	format, err := sniff(data)
	if err != nil {
		return Info{}, err
	}
	cfg, err := decodeConfig(format, data)
	if err != nil {
		return Info{}, err
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxPixels {
		return Info{}, fmt.Errorf("%w: %d×%d is %d pixels, limit %d", ErrTooManyPixels, cfg.Width, cfg.Height, px, maxPixels)
	}
	info := Info{Width: cfg.Width, Height: cfg.Height, Format: format, Orientation: 1}
	if format == FormatJPEG {
		info.Orientation = jpegmeta.Scan(data).Orientation
	}
	if swapsAxes(info.Orientation) {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// sniff names the image format of data from its leading bytes.
func sniff(data []byte) (string, error) {
	head := data[:min(len(data), 512)]
	switch ct := http.DetectContentType(head); ct {
	case "image/jpeg":
		return FormatJPEG, nil
	case "image/png":
		return FormatPNG, nil
	case "image/gif":
		return FormatGIF, nil
	case "image/webp":
		return FormatWebP, nil
	default:
		return "", fmt.Errorf("%w: content looks like %s", ErrUnsupported, ct)
	}
}

// decodeConfig reads only the header of data in the given format and
// rejects empty dimensions.
func decodeConfig(format string, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	var (
		cfg image.Config
		err error
	)
	switch format {
	case FormatJPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case FormatPNG:
		cfg, err = png.DecodeConfig(r)
	case FormatGIF:
		cfg, err = gif.DecodeConfig(r)
	case FormatWebP:
		cfg, err = webp.DecodeConfig(r)
	default:
		return image.Config{}, fmt.Errorf("%w: format %q", ErrUnsupported, format)
	}
	if err != nil {
		return image.Config{}, fmt.Errorf("%w: %s header: %w", ErrUnsupported, format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return image.Config{}, fmt.Errorf("%w: %s declares %d×%d pixels", ErrUnsupported, format, cfg.Width, cfg.Height)
	}
	return cfg, nil
}

// decodeImage fully decodes data; gif yields its first frame.
func decodeImage(format string, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	var (
		img image.Image
		err error
	)
	switch format {
	case FormatJPEG:
		img, err = jpeg.Decode(r)
	case FormatPNG:
		img, err = png.Decode(r)
	case FormatGIF:
		img, err = gif.Decode(r)
	case FormatWebP:
		img, err = webp.Decode(r)
	default:
		return nil, fmt.Errorf("%w: format %q", ErrUnsupported, format)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: decode %s: %w", ErrUnsupported, format, err)
	}
	return img, nil
}
