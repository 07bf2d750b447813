package sfnt

import (
	"bytes"
	"encoding/binary"
	"io"
	"testing"
)

// sfntWith builds a font file of the named tables (each 8 bytes).
func sfntWith(tags ...string) []byte {
	b := binary.BigEndian.AppendUint32(nil, 0x4F54544F)
	b = binary.BigEndian.AppendUint16(b, uint16(len(tags)))
	b = append(b, 0, 0, 0, 0, 0, 0)
	at := 12 + 16*len(tags)
	for _, t := range tags {
		b = append(b, t...)
		b = binary.BigEndian.AppendUint32(b, 0)
		b = binary.BigEndian.AppendUint32(b, uint32(at))
		b = binary.BigEndian.AppendUint32(b, 8)
		at += 8
	}
	for i := range tags {
		b = append(b, bytes.Repeat([]byte{byte('a' + i)}, 8)...)
	}
	return b
}

func TestHide(t *testing.T) {
	data := sfntWith("CFF ", "cmap", "head")
	h, err := Hide(data, "CFF ")
	if err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(h)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(data) {
		t.Fatalf("read %d bytes of %d", len(all), len(data))
	}
	dir, err := Directory(all, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := dir["CFF "]; ok {
		t.Error("CFF still listed")
	}
	if dir["cmap"] == nil || dir["head"] == nil || !bytes.Equal(dir["cFF "], bytes.Repeat([]byte{'a'}, 8)) {
		t.Errorf("other tables changed: %q", dir)
	}
	if d, _ := Directory(data, 0); d["CFF "] == nil {
		t.Error("the file itself was changed")
	}
	buf := make([]byte, 4)
	if n, err := h.ReadAt(buf, int64(len(data)-2)); n != 2 || err != io.EOF {
		t.Errorf("ReadAt past the end: %d, %v", n, err)
	}
	if pos, err := h.Seek(-8, io.SeekEnd); err != nil || pos != int64(len(data)-8) {
		t.Errorf("Seek: %d, %v", pos, err)
	}
	if n, _ := h.Read(buf); n != 4 || string(buf) != "cccc" {
		t.Errorf("Read after Seek: %q", buf[:n])
	}
}

func TestHideLowerCaseTags(t *testing.T) {
	data := sfntWith("VORG", "hmtx", "vhea", "vmtx")
	h, err := Hide(data, "vhea", "vmtx", "VORG")
	if err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(h)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := Directory(all, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"vhea", "vmtx", "VORG"} {
		if dir[tag] != nil {
			t.Errorf("%s still listed", tag)
		}
	}
	if !bytes.Equal(dir["hmtx"], bytes.Repeat([]byte{'b'}, 8)) || !bytes.Equal(dir["Vmtx"], bytes.Repeat([]byte{'d'}, 8)) {
		t.Errorf("tables changed: %q", dir)
	}
}
