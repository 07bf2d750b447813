package adapt

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestCleanWPBody(t *testing.T) {
	const up = "https://news.example.org/wp-content/uploads/2025/11/"
	tests := []struct {
		name     string
		in       string
		lead     string // src of the lead photo
		want     string
		warnings []string
	}{
		{
			name: "block image with srcset",
			in: `<figure class="wp-block-image size-large"><a href="/x/"><img width="1024" height="512" src="` + up + `a-1024x512.jpg" alt="A" class="wp-image-1" ` +
				`srcset="` + up + `a-300x150.jpg 300w, ` + up + `a-2048x1024.jpg 2048w, ` + up + `a-scaled.jpg 2560w"></a><figcaption class="wp-element-caption">Cap <em>one</em></figcaption></figure>`,
			want: `<figure><img src="` + up + `a-2048x1024.jpg" alt="A" width="2048" height="1024"><figcaption>Cap one</figcaption></figure>`,
		},
		{
			name: "classic caption figure",
			in:   `<figure id="attachment_5" class="wp-caption alignnone"><img src="` + up + `b.jpg" alt="B" width="300" height="200"><figcaption class="wp-caption-text">Cap &amp; more</figcaption></figure>`,
			want: `<figure><img src="` + up + `b.jpg" alt="B" width="300" height="200"><figcaption>Cap &amp; more</figcaption></figure>`,
		},
		{
			name: "table keeps spans and alignment",
			in: `<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th class="has-text-align-left" data-align="left">Berth</th>` +
				`<th style="text-align: right; color: red">Depth</th></tr></thead><tbody><tr><td colspan="2" rowspan="x" onclick="a()">closed</td></tr></tbody></table>` +
				`<figcaption class="wp-element-caption">Berths</figcaption></figure>`,
			want: `<figure><table><thead><tr><th align="left">Berth</th><th align="right">Depth</th></tr></thead><tbody><tr><td colspan="2">closed</td></tr></tbody></table>` +
				`<figcaption>Berths</figcaption></figure>`,
		},
		{
			name: "caption shortcode",
			in:   `[caption id="attachment_6" align="alignright" width="300"]<img src="` + up + `c.jpg" alt="C" width="300" height="200" /> The caption.[/caption]`,
			want: `<figure><img src="` + up + `c.jpg" alt="C" width="300" height="200"><figcaption>The caption.</figcaption></figure>`,
		},
		{
			name: "caption shortcode with linked image and curly attribute",
			in:   `[caption id=&#8221;x&#8221; caption=&#8221;From the attribute&#8221;]<a href="` + up + `d.jpg"><img src="` + up + `d-300x200.jpg" alt="D"></a>[/caption]`,
			want: `<figure><img src="` + up + `d.jpg" alt="D"><figcaption>From the attribute</figcaption></figure>`,
		},
		{
			name:     "caption shortcode without image",
			in:       `<p>[caption]Only words[/caption]</p>`,
			want:     `<p>Only words</p>`,
			warnings: []string{"stripped shortcode [caption] without an image"},
		},
		{
			name: "block gallery",
			in: `<figure class="wp-block-gallery has-nested-images"><figure class="wp-block-image"><img src="` + up + `g1.jpg" alt="G1"><figcaption>One</figcaption></figure>` +
				`<figure class="wp-block-image"><img src="` + up + `g2.jpg" alt="G2"></figure><figcaption class="blocks-gallery-caption">All of them</figcaption></figure>`,
			want: `<figure><img src="` + up + `g1.jpg" alt="G1"><figcaption>One</figcaption></figure>` +
				`<figure><img src="` + up + `g2.jpg" alt="G2"><figcaption>All of them</figcaption></figure>`,
		},
		{
			name: "gallery caption when the last image has its own",
			in: `<figure class="wp-block-gallery"><figure class="wp-block-image"><img src="` + up + `g1.jpg"><figcaption>One</figcaption></figure>` +
				`<figcaption class="blocks-gallery-caption">All</figcaption></figure>`,
			want: `<figure><img src="` + up + `g1.jpg"><figcaption>One</figcaption></figure><p>All</p>`,
		},
		{
			name: "old list gallery",
			in: `<ul class="wp-block-gallery columns-2"><li class="blocks-gallery-item"><figure><img src="` + up + `l1.jpg" alt=""><figcaption class="blocks-gallery-item__caption">L1</figcaption></figure></li>` +
				`<li class="blocks-gallery-item"><figure><img src="` + up + `l2.jpg" alt=""></figure></li></ul>`,
			want: `<figure><img src="` + up + `l1.jpg"><figcaption>L1</figcaption></figure><figure><img src="` + up + `l2.jpg"></figure>`,
		},
		{
			name: "classic gallery of linked thumbnails",
			in: `<div id="gallery-1" class="gallery gallery-columns-3"><figure class="gallery-item"><div class="gallery-icon"><a href="` + up + `t1.jpg">` +
				`<img width="150" height="150" src="` + up + `t1-150x150.jpg" alt="T1"></a></div><figcaption class="wp-caption-text gallery-caption">First</figcaption></figure></div>`,
			want: `<figure><img src="` + up + `t1.jpg" alt="T1"><figcaption>First</figcaption></figure>`,
		},
		{
			name:     "gallery shortcode",
			in:       `<p>[gallery ids="7,8,9" columns="3"]</p>`,
			want:     `<p></p>`,
			warnings: []string{`dropped shortcode [gallery ids="7,8,9"]: WordPress did not render it, so its images are unknown`},
		},
		{
			name: "youtube embed",
			in: `<figure class="wp-block-embed is-type-video wp-block-embed-youtube"><div class="wp-block-embed__wrapper">` +
				`<iframe title="The video" src="https://www.youtube-nocookie.com/embed/abc123?feature=oembed"></iframe></div><figcaption>Watch it</figcaption></figure>`,
			want:     `<p>Watch it: <a href="https://www.youtube.com/watch?v=abc123">https://www.youtube.com/watch?v=abc123</a></p>`,
			warnings: []string{"embed replaced by a link to https://www.youtube.com/watch?v=abc123"},
		},
		{
			name:     "vimeo embed titled by its iframe",
			in:       `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"><iframe title="Clip" src="https://player.vimeo.com/video/4242?dnt=1"></iframe></div></figure>`,
			want:     `<p>Clip: <a href="https://vimeo.com/4242">https://vimeo.com/4242</a></p>`,
			warnings: []string{"embed replaced by a link to https://vimeo.com/4242"},
		},
		{
			name: "tweet embed",
			in: `<figure class="wp-block-embed is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet">` +
				`<p>Harbour open! <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Port (@port) <a href="https://twitter.com/port/status/123">November 19, 2025</a></blockquote>` +
				`<script async src="https://platform.twitter.com/widgets.js"></script></div></figure>`,
			want:     `<p><a href="https://twitter.com/port/status/123">https://twitter.com/port/status/123</a></p>`,
			warnings: []string{"embed replaced by a link to https://twitter.com/port/status/123"},
		},
		{
			name:     "unresolved embed",
			in:       "<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://social.example.com/@port/1\n</div></figure>",
			want:     `<p><a href="https://social.example.com/@port/1">https://social.example.com/@port/1</a></p>`,
			warnings: []string{"embed replaced by a link to https://social.example.com/@port/1"},
		},
		{
			name:     "iframe in a paragraph",
			in:       `<p>Map: <iframe src="https://maps.example.com/m?id=1&amp;z=3"></iframe></p>`,
			want:     `<p>Map: <a href="https://maps.example.com/m?id=1&amp;z=3">https://maps.example.com/m?id=1&amp;z=3</a></p>`,
			warnings: []string{"embed replaced by a link to https://maps.example.com/m?id=1&z=3"},
		},
		{
			name:     "video block",
			in:       `<figure class="wp-block-video"><video controls src="` + up + `v.mp4"></video></figure>`,
			want:     `<p><a href="` + up + `v.mp4">` + up + `v.mp4</a></p>`,
			warnings: []string{"embed replaced by a link to " + up + "v.mp4"},
		},
		{
			name:     "iframe without src",
			in:       `<div><iframe srcdoc="<p>x</p>"></iframe></div>`,
			want:     `<div></div>`,
			warnings: []string{"dropped embedded <iframe> without a URL"},
		},
		{
			name:     "embed with a bad URL",
			in:       `<iframe src="about:blank"></iframe>`,
			want:     ``,
			warnings: []string{`dropped embed "about:blank": not a web URL`},
		},
		{
			name: "player inside a gallery",
			in: `<div class="gallery"><figure class="gallery-item"><img src="` + up + `p.jpg"></figure>` +
				`<figure class="gallery-item"><video src="` + up + `v.mp4"></video></figure></div>`,
			want:     `<figure><img src="` + up + `p.jpg"></figure>`,
			warnings: []string{"dropped <video> inside an image group"},
		},
		{
			name:     "gallery without images",
			in:       `<figure class="wp-block-gallery"><figcaption>Nothing here</figcaption></figure>`,
			want:     `<p>Nothing here</p>`,
			warnings: []string{"gallery without images dropped"},
		},
		{
			name:     "embed shortcode",
			in:       `[embed]https://www.youtube.com/watch?v=zz[/embed]`,
			want:     `<p><a href="https://www.youtube.com/watch?v=zz">https://www.youtube.com/watch?v=zz</a></p>`,
			warnings: []string{"shortcode [embed] replaced by a link to https://www.youtube.com/watch?v=zz"},
		},
		{
			name:     "leftover shortcodes",
			in:       `<p>[pullquote align="left"]Keep this[/pullquote] and [ad_slot id=3] but not [/orphan]</p>`,
			want:     `<p>Keep this and  but not </p>`,
			warnings: []string{"stripped shortcode [pullquote]", "stripped shortcode [ad_slot]", "stripped stray shortcode [/orphan]"},
		},
		{
			name: "brackets that are no shortcodes",
			in:   `<p>He said [sic] it was [1] or [Photo by Ann] and [[gallery]].</p>`,
			want: `<p>He said [sic] it was [1] or [Photo by Ann] and [gallery].</p>`,
		},
		{
			name: "relative links and lazy images",
			in:   `<p><a href="/about/">About</a> <a href="mailto:desk@example.org">mail</a> <a href="javascript:x()">js</a></p><img src="data:image/gif;base64,R0lGOD" data-src="/wp-content/uploads/lazy.jpg" alt="L">`,
			want: `<p><a href="https://news.example.org/about/">About</a> <a href="mailto:desk@example.org">mail</a> <a>js</a></p><img src="https://news.example.org/wp-content/uploads/lazy.jpg" alt="L">`,
		},
		{
			name:     "image without a usable source",
			in:       `<figure class="wp-block-image"><img src="ftp://example.org/x.jpg"><figcaption>Lost</figcaption></figure><img alt="none">`,
			want:     `<p>Lost</p>`,
			warnings: []string{`dropped image "ftp://example.org/x.jpg": not a web URL`, "dropped <img> without src"},
		},
		{
			name:     "image repeating the lead photo",
			lead:     up + "lead-scaled.jpg",
			in:       `<figure class="wp-block-image"><img src="` + up + `lead-1024x683.jpg"></figure><p>Text</p>`,
			want:     `<p>Text</p>`,
			warnings: []string{"image " + up + "lead-1024x683.jpg repeats the featured photo; dropped from the body"},
		},
		{
			name: "unclosed formatting and stray markup",
			in:   `<p>Open <b>bold <i>both</p><p>after</p><!-- comment --><div class="x" style="color:red">div</div>`,
			want: `<p>Open <b>bold <i>both</p><p>after</p><div>div</div></b></i>`, // printd closes formatting by count
		},
		{
			name: "formatting closed inside a figure",
			in:   `<b>x<figure><img src="` + up + `f.jpg"></b></figure>y`,
			want: `<b>x<figure><img src="` + up + `f.jpg"></figure></b>y`,
		},
		{
			name: "pre keeps its leading newline",
			in:   "<pre>\n\n  code</pre>",
			want: "<pre>\n\n  code</pre>",
		},
	}
	base, _ := url.Parse("https://news.example.org/2025/11/19/post/")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &notes{}
			var lead *image
			if tt.lead != "" {
				lead = &image{Src: tt.lead}
			}
			got := cleanWPBody(tt.in, base, lead, n)
			if got != tt.want {
				t.Errorf("cleanWPBody:\n got  %s\n want %s", got, tt.want)
			}
			diffLines(t, "warnings", n.list, tt.warnings)
		})
	}
}

// Rewriting must cost in proportion to the input, whatever its shape. An
// HTML tree would re-open every open formatting element in each paragraph.
func TestCleanWPBodyIsLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("<p>")
	for i := range 400 {
		fmt.Fprintf(&b, `<font size="%d"><b class="%d">`, i, i)
	}
	b.WriteString("</p>" + strings.Repeat("<p>x[a=1]", 4000) + strings.Repeat("[gallery]", 4000))
	in := b.String()
	out := cleanWPBody(in, nil, nil, &notes{})
	if len(out) > 2*len(in) {
		t.Errorf("%d bytes of content became %d", len(in), len(out))
	}
}

func TestUploadKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"https://x.org/u/2025/11/p-scaled.jpg", "https://cdn.x.org/u/2025/11/p-1024x683.jpg"},
		{"https://x.org/u/p-e1700000000000-300x200.jpg", "https://x.org/u/p.jpg"},
		{"https://x.org/u/p-rotated.webp", "https://x.org/u/p.jpg"},
	}
	for _, tt := range tests {
		if uploadKey(tt.a) != uploadKey(tt.b) {
			t.Errorf("%s and %s should be the same upload (%q, %q)", tt.a, tt.b, uploadKey(tt.a), uploadKey(tt.b))
		}
	}
	for _, pair := range [][2]string{
		{"https://x.org/u/p.jpg", "https://x.org/v/p.jpg"},
		{"https://x.org/u/p.jpg", "https://x.org/u/p2.jpg"},
	} {
		if uploadKey(pair[0]) == uploadKey(pair[1]) {
			t.Errorf("%s and %s should differ", pair[0], pair[1])
		}
	}
}
