// Package photo owns everything between a photo reference in an article and
// the JPEG bytes handed to the PDF writer: having the bytes (through package
// fetch), inspecting them cheaply (format, dimensions after EXIF
// orientation, pixel cap checked before any decode), and preparing them
// (orientation applied, downsampled to the print resolution, alpha
// flattened onto white, encoded as baseline JPEG). Store adds caching and
// request coalescing on top.
package photo
