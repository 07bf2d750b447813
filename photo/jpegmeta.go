package photo

import (
	"bytes"
	"encoding/binary"
)

// jpegFacts is what scanJPEG learns from the marker segments before the
// first scan.
type jpegFacts struct {
	orientation int  // EXIF orientation 1..8, 1 when absent or invalid
	baseline    bool // frame is SOF0 or SOF1 (sequential, Huffman)
}

// maxJPEGSegments bounds the marker walk; real files have a few dozen.
const maxJPEGSegments = 512

var exifHeader = []byte("Exif\x00\x00")

// scanJPEG walks the JPEG marker segments up to the first scan, reading the
// EXIF orientation from an APP1 Exif segment and the frame type from the SOF
// marker. It never reads past data and stops on anything malformed.
func scanJPEG(data []byte) jpegFacts {
	facts := jpegFacts{orientation: 1}
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return facts
	}
	seenExif := false
	i := 2
	for range maxJPEGSegments {
		if i+2 > len(data) || data[i] != 0xFF {
			return facts
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0x01 || marker >= 0xD0 && marker <= 0xD8: // no length
			i += 2
			continue
		case marker == 0xD9 || marker == 0xDA: // end of image, start of scan
			return facts
		}
		if i+4 > len(data) {
			return facts
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return facts
		}
		body := data[i+4 : i+2+n]
		switch {
		case marker == 0xE1 && !seenExif && bytes.HasPrefix(body, exifHeader):
			seenExif = true
			facts.orientation = tiffOrientation(body[len(exifHeader):])
		case isSOF(marker):
			facts.baseline = marker == 0xC0 || marker == 0xC1
		}
		i += 2 + n
	}
	return facts
}

// isSOF reports whether marker starts a frame (SOF0..SOF15 except DHT, JPG
// and DAC, which share the range).
func isSOF(marker byte) bool {
	return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
}

// tiffOrientation reads tag 0x0112 (Orientation) from IFD0 of a TIFF
// structure, returning 1 when it is missing or invalid.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(t[2:]) != 42 {
		return 1
	}
	off := uint64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > uint64(len(t)) {
		return 1
	}
	count := int(bo.Uint16(t[off:]))
	entries := t[off+2:]
	for k := 0; k < count && 12*(k+1) <= len(entries); k++ {
		e := entries[12*k : 12*(k+1)]
		if bo.Uint16(e) != 0x0112 {
			continue
		}
		if bo.Uint32(e[4:]) != 1 {
			return 1
		}
		var v uint32
		switch bo.Uint16(e[2:]) {
		case 3: // SHORT, left-justified in the value field
			v = uint32(bo.Uint16(e[8:]))
		case 4: // LONG, written by a few tools
			v = bo.Uint32(e[8:])
		default:
			return 1
		}
		if v >= 1 && v <= 8 {
			return int(v)
		}
		return 1
	}
	return 1
}

// swapsAxes reports whether an EXIF orientation turns the image by a
// quarter turn (5..8), exchanging width and height.
func swapsAxes(orientation int) bool {
	return orientation >= 5 && orientation <= 8
}
