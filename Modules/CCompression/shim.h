// The encoders paperboy-server uses to pre-compress responses: zlib (gzip), brotli and zstd.
// Debian: zlib1g-dev, libbrotli-dev, libzstd-dev.
#include <zlib.h>
#include <brotli/encode.h>
#include <zstd.h>

// deflateInit2 is a macro; Swift cannot call it.
static inline int pb_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
