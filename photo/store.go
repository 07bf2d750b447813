package photo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"printd/fetch"
	"printd/internal/bytecache"
	"printd/internal/describe"
)

// infoCacheEntries bounds the per-source Info cache (a few dozen bytes each).
const infoCacheEntries = 4096

// entryOverhead approximates the bookkeeping bytes of one cache entry.
const entryOverhead = 128

// Store fetches, inspects and prepares photos with caching: source bytes in
// a small LRU (half of CacheBytes), Info per source, and prepared JPEGs in an
// LRU bounded by CacheBytes. Concurrent requests for the same source or the
// same prepared variant share one fetch and one decode. Values returned are
// shared between callers and must not be modified. Safe for concurrent use.
type Store struct {
	fetcher   *fetch.Fetcher
	maxPixels int64
	raw       *bytecache.Cache[[]byte]
	infos     *lru.Cache[string, Info]
	prepared  *bytecache.Cache[*Prepared]
	fetches   singleflight.Group
	prepares  singleflight.Group
}

// NewStore returns a Store for cfg; zero fields take the defaults.
func NewStore(cfg Config) *Store {
	cfg = cfg.withDefaults()
	infos, err := lru.New[string, Info](infoCacheEntries)
	if err != nil {
		panic(err) // only for a non-positive size, which cannot happen
	}
	return &Store{
		fetcher:   fetch.New(cfg.Fetch),
		maxPixels: cfg.MaxPixels,
		raw:       bytecache.New[[]byte](cfg.CacheBytes/2, 0),
		infos:     infos,
		prepared:  bytecache.New[*Prepared](cfg.CacheBytes, 0),
	}
}

// source is a fetched and inspected photo.
type source struct {
	data []byte
	info Info
}

// Inspect returns the Info of src, fetching it unless it is cached.
func (s *Store) Inspect(ctx context.Context, src string) (Info, error) {
	key := sourceKey(src)
	if info, ok := s.infos.Get(key); ok {
		return info, nil
	}
	got, err := s.source(ctx, src, key)
	if err != nil {
		return Info{}, err
	}
	return got.info, nil
}

// Prepared returns src prepared by Prepare for t, from the cache when
// possible.
func (s *Store) Prepared(ctx context.Context, src string, t Target) (*Prepared, error) {
	quality := normalizeQuality(t.Quality)
	maxW, maxH := max(t.MaxW, 0), max(t.MaxH, 0)
	srcKey := sourceKey(src)
	key := strconv.Itoa(maxW) + "x" + strconv.Itoa(maxH) + "q" + strconv.Itoa(quality) + "g" + strconv.FormatBool(t.Gray) + " " + srcKey
	if p, ok := s.prepared.Get(key); ok {
		return p, nil
	}
	return coalesce(ctx, &s.prepares, key, src, func(ctx context.Context) (*Prepared, error) {
		if p, ok := s.prepared.Get(key); ok { // finished while we queued
			return p, nil
		}
		got, err := s.source(ctx, src, srcKey)
		if err != nil {
			return nil, err
		}
		p, err := Prepare(got.data, got.info, Target{MaxW: maxW, MaxH: maxH, Quality: quality, Gray: t.Gray})
		if err != nil {
			return nil, fmt.Errorf("photo %q: %w", describe.Source(src), err)
		}
		s.prepared.Add(key, p, int64(len(p.Data)+len(key))+entryOverhead)
		return p, nil
	})
}

// source returns the bytes and Info of src, from the cache or by one
// coalesced fetch.
func (s *Store) source(ctx context.Context, src, key string) (source, error) {
	if data, ok := s.raw.Get(key); ok {
		if info, ok := s.infos.Get(key); ok {
			return source{data: data, info: info}, nil
		}
		// Cached bytes already passed Inspect once; re-reading the header is cheap.
		if info, err := Inspect(data, s.maxPixels); err == nil {
			s.infos.Add(key, info)
			return source{data: data, info: info}, nil
		}
	}
	return coalesce(ctx, &s.fetches, key, src, func(ctx context.Context) (source, error) {
		data, err := s.fetcher.Fetch(ctx, src)
		if err != nil {
			return source{}, err // a *fetch.Error, naming the source
		}
		info, err := Inspect(data, s.maxPixels)
		if err != nil {
			return source{}, fmt.Errorf("photo %q: %w", describe.Source(src), err)
		}
		s.raw.Add(key, data, int64(len(data)+len(key))+entryOverhead)
		s.infos.Add(key, info)
		return source{data: data, info: info}, nil
	})
}

// coalesce runs fn once for all concurrent callers with the same key. The
// shared work is detached from any single caller's cancellation (the fetch
// has its own timeout, and its result is cached for the others); each caller
// still stops waiting when its own ctx ends.
func coalesce[T any](ctx context.Context, g *singleflight.Group, key, src string, fn func(context.Context) (T, error)) (T, error) {
	detached := context.WithoutCancel(ctx)
	ch := g.DoChan(key, func() (any, error) { return fn(detached) })
	select {
	case <-ctx.Done():
		var zero T
		reason := fetch.ReasonCanceled
		if ctx.Err() == context.DeadlineExceeded {
			reason = fetch.ReasonTimeout
		}
		return zero, &fetch.Error{Src: src, Reason: reason, Err: ctx.Err()}
	case r := <-ch:
		if r.Err != nil {
			var zero T
			return zero, r.Err
		}
		return r.Val.(T), nil
	}
}

// sourceKey keeps cache keys short: long sources (data: URIs) are hashed.
func sourceKey(src string) string {
	const maxKey = 512
	if len(src) <= maxKey {
		return src
	}
	sum := sha256.Sum256([]byte(src))
	return "sha256:" + hex.EncodeToString(sum[:])
}
