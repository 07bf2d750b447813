// Package jpegmeta reads what a JPEG's marker segments say before its first
// scan — the EXIF orientation, the frame's type, size and components, an
// Adobe segment — without decoding anything. It is pure: no I/O, no image
// decoding, never reading past the data it is given.
package jpegmeta

import (
	"bytes"
	"encoding/binary"
)

// Facts is what Scan learns.
type Facts struct {
	Orientation int  // EXIF orientation 1..8, 1 when absent or invalid
	Frame       byte // the SOF marker (0xC0…0xCF), 0 when no frame was found
	Precision   int  // bits per sample
	Width       int
	Height      int
	// Components are the frame's component ids, one per colour channel.
	Components []byte
	// Adobe is set when an APP14 Adobe segment precedes the scan: it says
	// how the channels are coded (RGB, YCbCr, CMYK, YCCK).
	Adobe bool
}

// Baseline reports whether the frame is sequential with Huffman coding
// (SOF0 or SOF1).
func (f Facts) Baseline() bool { return f.Frame == 0xC0 || f.Frame == 0xC1 }

// maxSegments bounds the marker walk; real files have a few dozen.
const maxSegments = 512

var exifHeader = []byte("Exif\x00\x00")

// Scan walks the marker segments of data up to the first scan. It stops
// on anything malformed and returns what it learnt by then.
func Scan(data []byte) Facts {
	facts := Facts{Orientation: 1}
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return facts
	}
	seenExif := false
	i := 2
	for range maxSegments {
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
			facts.Orientation = tiffOrientation(body[len(exifHeader):])
		case marker == 0xEE && bytes.HasPrefix(body, []byte("Adobe")):
			facts.Adobe = true
		case isSOF(marker) && facts.Frame == 0:
			facts.Frame = marker
			if len(body) >= 6 {
				facts.Precision = int(body[0])
				facts.Height = int(binary.BigEndian.Uint16(body[1:]))
				facts.Width = int(binary.BigEndian.Uint16(body[3:]))
				if nc := int(body[5]); len(body) >= 6+3*nc {
					for c := range nc {
						facts.Components = append(facts.Components, body[6+3*c])
					}
				}
			}
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
