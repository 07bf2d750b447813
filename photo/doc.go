// Package photo owns everything between a photo reference in an article and
// the JPEG bytes handed to the PDF writer: fetching the bytes safely (https
// URLs behind an SSRF guard, data: URIs, and local files for the CLI),
// inspecting them cheaply (format, dimensions after EXIF orientation, pixel
// cap checked before any decode), and preparing them (orientation applied,
// downsampled to the print resolution, alpha flattened onto white, encoded as
// baseline JPEG). Store adds caching and request coalescing on top.
package photo
