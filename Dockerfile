# syntax=docker/dockerfile:1

# printd: one static binary with its fonts embedded, on distroless (CA
# certificates for https photos, no shell, no package manager). Built with
# -tags cloud: batch --out s3://… and gs://… work in the image.
#
#   docker build -t printd .
#   docker run --rm -p 8080:8080 printd
#
# Settings come from PRINTD_* variables (PRINTD_MAX_BODY=8Mi, …) or flags
# after the image name: docker run printd --concurrency 4.

FROM golang:1.26 AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -buildvcs=false -tags cloud -ldflags="-s -w" -o /out/printd ./cmd/printd \
 && /out/printd version

# Fonts for the scripts beyond the embedded Latin, Greek and Cyrillic:
# Arabic, Hebrew, Indic, Thai, Myanmar and more (fonts-noto-core), Chinese,
# Japanese and Korean (fonts-noto-cjk), symbols and box drawing
# (fonts-dejavu-core). printd finds them in /usr/share/fonts.
FROM debian:bookworm-slim AS fonts
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-core fonts-noto-cjk fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/printd /printd
COPY --from=fonts /usr/share/fonts /usr/share/fonts
# nonroot is 65532:65532 in distroless; numeric so that Kubernetes'
# runAsNonRoot can check it.
USER 65532:65532
ENV PRINTD_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/printd", "healthcheck"]
ENTRYPOINT ["/printd", "serve"]
