package pdfpatch

import (
	"crypto/sha256"
	"fmt"
	"time"
)

// UUID is a PDF/A document or instance id.
type UUID [16]byte

// HashUUID derives a UUID (RFC 9562 version 8, for custom data) from a
// SHA-256 of s.
func HashUUID(s string) UUID { return sumUUID(sha256.Sum256([]byte(s))) }

// sumUUID makes a version 8 UUID of the first 16 bytes of a SHA-256.
func sumUUID(sum [32]byte) UUID {
	var u UUID
	copy(u[:], sum[:])
	u[6] = u[6]&0x0f | 0x80
	u[8] = u[8]&0x3f | 0x80
	return u
}

// URN is the id as the XMP metadata writes it: "uuid:…".
func (u UUID) URN() string {
	return fmt.Sprintf("uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// InfoDate is the document information dictionary's form of t,
// "D:YYYYMMDDHHmmSSZ", in UTC.
func InfoDate(t time.Time) string { return "D:" + t.UTC().Format("20060102150405") + "Z" }
