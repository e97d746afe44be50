#ifndef HOTICH_CZLIB_CHECKSUM_SHIM_H
#define HOTICH_CZLIB_CHECKSUM_SHIM_H

// zlib's CRC-32, for the zips hotich writes itself (the Ministry's zip of PDFs): the checksum
// every zip entry carries, computed by zlib rather than byte by byte in Swift. The library uses
// only the checksum (ZIPFoundation, which binds zlib under its own module name, does the rest);
// the tests' PNG reader also calls `uncompress` through this module.
#include <zlib.h>

/// CRC-32 of `length` bytes at `bytes`, continuing from `crc` (0 to start).
static inline unsigned long hotich_crc32(unsigned long crc, const unsigned char *bytes, unsigned long length) {
    return crc32_z(crc, bytes, (z_size_t)length);
}

#endif
