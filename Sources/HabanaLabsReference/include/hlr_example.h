/*
 * hlr_example.h - the example series bundled with the reference driver
 *
 * Examples/hl-dmabuf/ holds a patch series written for uapi-review: a uAPI
 * patch adding HL_MEM_OP_EXPORT_DMABUF_FD, a driver patch adding the
 * exporter, and review replies, as one mbox, plus the files the series
 * touches as they were before it (the "base", at kernel-tree paths).
 * Applying the series to the base gives this target's own sources. Both are
 * built into the library so that tools can show the example without the
 * source tree; Examples/hl-dmabuf/make-series.sh regenerates them.
 *
 * All returned memory is static and never freed. The bytes are exactly
 * those of the files; there is no terminating NUL to rely on.
 */
#ifndef HLR_EXAMPLE_H
#define HLR_EXAMPLE_H

#include <stddef.h>

/**
 * hlr_example_mbox() - the example series as an mbox
 * @len: receives the number of bytes.
 *
 * Return: the bytes of Examples/hl-dmabuf/series.mbox.
 */
const unsigned char *hlr_example_mbox(size_t *len);

/**
 * hlr_example_base_count() - number of files in the example's base tree
 *
 * Return: how many files hlr_example_base_path() and hlr_example_base_data()
 * describe.
 */
size_t hlr_example_base_count(void);

/**
 * hlr_example_base_path() - kernel-tree path of one base file
 * @i: index, below hlr_example_base_count().
 *
 * Return: the path relative to the tree's root (for example
 * "include/uapi/misc/hl_memory.h"), or NULL when @i is out of range.
 */
const char *hlr_example_base_path(size_t i);

/**
 * hlr_example_base_data() - contents of one base file
 * @i: index, below hlr_example_base_count().
 * @len: receives the number of bytes (0 when @i is out of range).
 *
 * Return: the file's bytes, or NULL when @i is out of range.
 */
const unsigned char *hlr_example_base_data(size_t i, size_t *len);

#endif /* HLR_EXAMPLE_H */
