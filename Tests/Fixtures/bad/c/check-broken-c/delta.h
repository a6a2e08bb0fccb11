/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef _UAPI_LINUX_DELTA_H
#define _UAPI_LINUX_DELTA_H
#include <linux/types.h>
struct delta {
	__u32 flags;
};
#endif
