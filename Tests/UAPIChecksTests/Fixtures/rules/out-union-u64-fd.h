/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Test fixture for uapi-review's rule pack, written for the project: an
 * output union whose file descriptor member is declared __u64, the shape the
 * habanalabs v6 review objected to (T#074).
 */
#ifndef _UAPI_FIXTURE_OUT_UNION_H
#define _UAPI_FIXTURE_OUT_UNION_H

#include <linux/types.h>
#include <linux/ioctl.h>

/**
 * struct fx_out - result of FX_IOCTL_EXPORT (out, written by the driver)
 * @handle: out; handle of the new object.
 * @fd: out; the new file descriptor.
 *
 * The driver clears the whole union before writing the member it returns.
 */
struct fx_out {
	union {
		__u64 handle;
		__u64 fd;
	};
};

/* Export an object; returns the descriptor in &fx_out.fd. */
#define FX_IOCTL_EXPORT		_IOR('F', 0x01, struct fx_out)

#endif /* _UAPI_FIXTURE_OUT_UNION_H */
